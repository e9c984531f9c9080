-- The province map (serving-v1): one row per polygon part of every regency/city outline, with
-- the two figures the map colours by (% of the e-signature target live, LAPOR follow-up on
-- time) and their counts, so a tooltip can say "19 dari 27".
with

outlines as (

    select * from {{ ref('stg_batas__kabkota') }}

),

rollout as (

    select * from {{ ref('mart_rollout_kabkota_dashboard') }}
    where program = '{{ var("headline_program") }}'

),

lapor as (

    select * from {{ ref('mart_lapor_sla_kabkota') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

final as (

    select
        outlines.kode_kabkota,
        lapor.nama_kabkota,
        outlines.bagian,
        outlines.polygon,
        outlines.label_lat,
        outlines.label_lon,
        coalesce(rollout.target_villages, 0) as target_villages,
        coalesce(rollout.live_villages, 0) as live_villages,
        {{ safe_divide('rollout.live_villages', 'rollout.target_villages') }} as live_share,
        coalesce(rollout.label, lapor.nama_kabkota || ': belum ada target') as tte_keterangan,
        lapor.follow_up_measured,
        lapor.followed_up_on_time,
        lapor.followed_up_on_time_rate,
        lapor.nama_kabkota || ': ' || cast(lapor.followed_up_on_time as varchar) || ' dari '
        || cast(lapor.follow_up_measured as varchar) || ' laporan ditindaklanjuti tepat waktu'
            as lapor_keterangan,
        as_of.as_of_date

    from outlines
    inner join lapor on outlines.kode_kabkota = lapor.kode_kabkota
    left join rollout on outlines.kode_kabkota = rollout.kode_kabkota
    cross join as_of

)

select * from final
