-- SP4N-LAPOR! service levels per regency/city (all of them) and month of submission, as of the
-- data date: the counts behind every rate, so that a period's rate is Σ on time ÷ Σ measured
-- over the months (and regencies) chosen. The lifetime table stays mart_lapor_sla_kabkota.
-- complaints* = jenis pengaduan, reports* = all three jenis (lapor-v1 v1.1).
with

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

complaints as (

    -- both channels, a report in both counted once (fct_complaint_reports)
    select * from {{ ref('fct_complaint_reports') }} where is_counted_once

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

months as (

    select distinct date_trunc('month', tanggal_lapor)::date as bulan
    from complaints
    where tanggal_lapor is not null

),

aggregated as (

    select
        kode_kabkota,
        date_trunc('month', tanggal_lapor)::date as bulan,
{{ lapor_sla_measures() }},
        count(*) filter (where jenis = 'pengaduan' and is_auto_closed) as complaints_auto_closed

    from complaints
    where kode_kabkota is not null and tanggal_lapor is not null
    group by 1, 2

),

final as (

    select
        regencies.kode_kabkota,
        regencies.nama_kabkota,
        months.bulan,
        coalesce(aggregated.complaints, 0) as complaints,
        coalesce(aggregated.complaints_not_archived, 0) as complaints_not_archived,
        coalesce(aggregated.complaints_selesai, 0) as complaints_selesai,
        coalesce(aggregated.complaints_auto_closed, 0) as complaints_auto_closed,
        coalesce(aggregated.complaints_open, 0) as complaints_open,
        coalesce(aggregated.verification_measured, 0) as verification_measured,
        coalesce(aggregated.verified_on_time, 0) as verified_on_time,
        coalesce(aggregated.follow_up_measured, 0) as follow_up_measured,
        coalesce(aggregated.followed_up_on_time, 0) as followed_up_on_time,
        coalesce(aggregated.reports, 0) as reports,
        coalesce(aggregated.reports_aspirasi, 0) as reports_aspirasi,
        coalesce(aggregated.reports_permintaan_informasi, 0) as reports_permintaan_informasi,
        coalesce(aggregated.reports_open, 0) as reports_open,
        aggregated.verified_on_time_rate,
        aggregated.followed_up_on_time_rate,
        aggregated.completion_rate,
        as_of.as_of_date

    from regencies
    cross join months
    cross join as_of
    left join aggregated
        on regencies.kode_kabkota = aggregated.kode_kabkota
        and months.bulan = aggregated.bulan

)

select * from final
