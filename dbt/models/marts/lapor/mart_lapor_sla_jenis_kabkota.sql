-- SP4N-LAPOR! service levels per regency/city (all of them) and jenis (lapor-v1 v1.1: the service
-- levels cover every report and are also shown per jenis), with the counts behind each rate.
with

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

complaints as (

    -- both channels, a report in both counted once (like mart_lapor_sla_kabkota)
    select * from {{ ref('fct_complaint_reports') }} where is_counted_once

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

jenis as (

    select * from (
        values
            (1, 'pengaduan', 'Pengaduan'),
            (2, 'aspirasi', 'Aspirasi'),
            (3, 'permintaan_informasi', 'Permintaan informasi')
    ) as j (jenis_order, jenis, nama_jenis)

),

aggregated as (

    select
        kode_kabkota,
        jenis,
{{ lapor_sla_measures() }}

    from complaints
    where kode_kabkota is not null
    group by 1, 2

),

final as (

    select
        regencies.kode_kabkota,
        regencies.nama_kabkota,
        jenis.jenis,
        jenis.nama_jenis,
        coalesce(aggregated.reports, 0) as reports,
        coalesce(aggregated.reports_open, 0) as reports_open,
        coalesce(aggregated.verification_measured, 0) as verification_measured,
        coalesce(aggregated.verified_on_time, 0) as verified_on_time,
        coalesce(aggregated.follow_up_measured, 0) as follow_up_measured,
        coalesce(aggregated.followed_up_on_time, 0) as followed_up_on_time,
        aggregated.verified_on_time_rate,
        aggregated.followed_up_on_time_rate,
        as_of.as_of_date

    from regencies
    cross join jenis
    cross join as_of
    left join aggregated
        on regencies.kode_kabkota = aggregated.kode_kabkota
        and jenis.jenis = aggregated.jenis

)

select * from final
