-- Complaint service levels per regency/city (all of them), as of the data date (serving-v1.1):
-- both channels, SP4N-LAPOR! and LaporGub!, a report in both counted once. v1.1: complaints*
-- count jenis = pengaduan only, reports* all three jenis; the service levels cover every report
-- (macros/marts_measures.sql). The channel counts beside them are pengaduan too
-- (complaints = complaints_lapor + complaints_laporgub - complaints_in_both).
with

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

reports as (

    select * from {{ ref('fct_complaint_reports') }}

),

complaints as (

    select * from reports where is_counted_once

),

channels as (

    select
        kode_kabkota,
        count(*) filter (where jenis = 'pengaduan' and channel = 'lapor') as complaints_lapor,
        count(*) filter (where jenis = 'pengaduan' and channel = 'laporgub') as complaints_laporgub,
        count(*) filter (
            where jenis = 'pengaduan' and channel = 'laporgub' and is_in_both
        ) as complaints_in_both

    from reports
    where kode_kabkota is not null
    group by 1

),

population as (

    select * from {{ ref('int_population_yearly_filled') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

aggregated as (

    select
        kode_kabkota,
{{ lapor_sla_measures() }},
        count(*) filter (
            where jenis = 'pengaduan'
                and tanggal_lapor::date > (select as_of_date from as_of) - {{ interval(12, 'month') }}
                and tanggal_lapor::date <= (select as_of_date from as_of)
        ) as complaints_12m,
        count(*) filter (
            where tanggal_lapor::date > (select as_of_date from as_of) - {{ interval(12, 'month') }}
                and tanggal_lapor::date <= (select as_of_date from as_of)
        ) as reports_12m

    from complaints
    where kode_kabkota is not null
    group by 1

),

final as (

    select
        regencies.kode_kabkota,
        regencies.nama_kabkota,
        coalesce(aggregated.complaints, 0) as complaints,
        coalesce(aggregated.complaints_12m, 0) as complaints_12m,
        coalesce(channels.complaints_lapor, 0) as complaints_lapor,
        coalesce(channels.complaints_laporgub, 0) as complaints_laporgub,
        coalesce(channels.complaints_in_both, 0) as complaints_in_both,
        coalesce(aggregated.complaints_not_archived, 0) as complaints_not_archived,
        coalesce(aggregated.complaints_selesai, 0) as complaints_selesai,
        coalesce(aggregated.complaints_open, 0) as complaints_open,
        coalesce(aggregated.verification_measured, 0) as verification_measured,
        coalesce(aggregated.verified_on_time, 0) as verified_on_time,
        coalesce(aggregated.verification_overdue, 0) as verification_overdue,
        coalesce(aggregated.follow_up_measured, 0) as follow_up_measured,
        coalesce(aggregated.followed_up_on_time, 0) as followed_up_on_time,
        coalesce(aggregated.follow_up_overdue, 0) as follow_up_overdue,
        aggregated.verified_on_time_rate,
        aggregated.followed_up_on_time_rate,
        aggregated.completion_rate,
        aggregated.completion_rate_incl_auto_closed,
        coalesce(aggregated.reports, 0) as reports,
        coalesce(aggregated.reports_12m, 0) as reports_12m,
        coalesce(aggregated.reports_aspirasi, 0) as reports_aspirasi,
        coalesce(aggregated.reports_permintaan_informasi, 0) as reports_permintaan_informasi,
        coalesce(aggregated.reports_open, 0) as reports_open,
        population.jumlah_penduduk,
        population.population_year,
        {{ safe_divide('coalesce(aggregated.complaints_12m, 0) * 100000', 'population.jumlah_penduduk') }}
            as complaints_per_100k,
        as_of.as_of_date

    from regencies
    cross join as_of
    left join aggregated on regencies.kode_kabkota = aggregated.kode_kabkota
    left join channels on regencies.kode_kabkota = channels.kode_kabkota
    left join population
        on regencies.kode_kabkota = population.kode_kabkota
        and population.tahun = {{ year_of('as_of.as_of_date') }}

)

select * from final
