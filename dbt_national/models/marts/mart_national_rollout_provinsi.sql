-- Rollout per province x programme: sums of the provinces' regency counts, rates as Σ/Σ.
-- Every province appears; one without an export has null figures and says so.
with

rollout as (select * from {{ ref('stg_lake__rollout_kabkota') }}),

freshness as (select * from {{ ref('mart_national_freshness') }}),

programmes as (select distinct program from rollout),

aggregated as (

    select
        kode_provinsi,
        program,
        count(*) as regencies,
        cast(sum(target_villages) as bigint) as target_villages,
        cast(sum(live_villages) as bigint) as live_villages,
        cast(sum(active_villages_30d) as bigint) as active_villages_30d,
        cast(sum(letters_30d) as bigint) as letters_30d,
        cast(sum(tte_letters_30d) as bigint) as tte_letters_30d

    from rollout
    group by kode_provinsi, program

),

final as (

    select
        freshness.kode_provinsi,
        freshness.nama_provinsi,
        programmes.program,
        aggregated.regencies,
        aggregated.target_villages,
        aggregated.live_villages,
        aggregated.active_villages_30d,
        aggregated.letters_30d,
        aggregated.tte_letters_30d,
        {{ ratio('aggregated.live_villages', 'aggregated.target_villages') }} as live_share,
        {{ ratio('aggregated.active_villages_30d', 'aggregated.target_villages') }}
            as active_share_30d,
        {{ ratio('aggregated.tte_letters_30d', 'aggregated.letters_30d') }} as tte_share_30d,
        freshness.as_of_date,
        freshness.status_data

    from freshness
    cross join programmes
    left join aggregated
        on freshness.kode_provinsi = aggregated.kode_provinsi
        and programmes.program = aggregated.program

)

select * from final
