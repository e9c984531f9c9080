-- Every regency/city (all of them) x programme: targeted, live and active villages (serving-v1).
-- A programme with no target village in the province has no activity figures (NULL), as in
-- mart_rollout_village.
-- v1.1 (the DPRD's question "sudah menjangkau seluruh kelurahan?"): two figures, named apart.
-- Coverage (cakupan) = villages that issued at least one TTE letter in the 30 days ÷ all villages
-- of the regency/city (targeted or not); programme progress (progres program) = villages declared
-- live ÷ villages targeted (live_share).
with

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

programmes as (

    select * from {{ ref('dim_program') }}

),

villages as (

    select * from {{ ref('mart_rollout_village') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

aggregated as (

    select
        kode_kabkota,
        program,
        count(*) filter (where is_target) as target_villages,
        count(*) filter (where is_live) as live_villages,
        count(*) filter (where is_active_30d) as active_villages_30d,
        count(*) filter (where is_live and is_active_30d) as live_active_villages_30d,
        count(*) filter (where is_live_inactive_30d) as live_inactive_villages_30d,
        count(*) filter (where tte_letters_30d > 0) as tte_villages_30d,
        sum(letters_30d)::bigint as letters_30d,
        sum(tte_letters_30d)::bigint as tte_letters_30d,
        min(first_tte_date) as first_tte_date

    from villages
    group by 1, 2

),

programme_targets as (

    select program, coalesce(sum(target_villages), 0) > 0 as has_targets
    from aggregated
    group by 1

),

final as (

    select
        regencies.kode_kabkota,
        regencies.nama_kabkota,
        programmes.program,
        programmes.nama_program,
        regencies.village_count,
        coalesce(aggregated.target_villages, 0) as target_villages,
        coalesce(aggregated.live_villages, 0) as live_villages,
        case when programme_targets.has_targets
            then coalesce(aggregated.active_villages_30d, 0) end as active_villages_30d,
        case when programme_targets.has_targets
            then coalesce(aggregated.live_active_villages_30d, 0) end as live_active_villages_30d,
        case when programme_targets.has_targets
            then coalesce(aggregated.live_inactive_villages_30d, 0) end
            as live_inactive_villages_30d,
        {{ safe_divide('aggregated.live_villages', 'aggregated.target_villages') }} as live_share,
        coalesce(aggregated.tte_villages_30d, 0) as tte_villages_30d,
        {{ safe_divide('coalesce(aggregated.tte_villages_30d, 0)', 'regencies.village_count') }}
            as tte_coverage_30d,
        {{ safe_divide('aggregated.live_active_villages_30d', 'aggregated.live_villages') }}
            as live_active_share_30d,
        coalesce(aggregated.letters_30d, 0) as letters_30d,
        coalesce(aggregated.tte_letters_30d, 0) as tte_letters_30d,
        {{ safe_divide('aggregated.tte_letters_30d', 'aggregated.letters_30d') }} as tte_share_30d,
        aggregated.first_tte_date,
        as_of.as_of_date

    from regencies
    cross join programmes
    cross join as_of
    left join aggregated
        on regencies.kode_kabkota = aggregated.kode_kabkota
        and programmes.program = aggregated.program
    left join programme_targets on programmes.program = programme_targets.program

)

select * from final
