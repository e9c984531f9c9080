-- Each complaint channel's own figures per regency/city (every regency/city × both channels):
-- SP4N-LAPOR! and LaporGub! each count every report they received, forwarded ones included,
-- with service levels by their own timestamps. The combined figures (a report in both counted
-- once) are mart_lapor_sla_kabkota's.
with

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

reports as (

    select * from {{ ref('fct_complaint_reports') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

channels as (

    select 'lapor' as channel, 'SP4N-LAPOR!' as nama_channel
    union all
    select 'laporgub' as channel, 'LaporGub!' as nama_channel

),

aggregated as (

    select
        kode_kabkota,
        channel,
{{ lapor_sla_measures() }},
        count(*) filter (where jenis = 'pengaduan' and is_in_both) as complaints_in_both

    from reports
    where kode_kabkota is not null
    group by 1, 2

)

select
    regencies.kode_kabkota,
    regencies.nama_kabkota,
    channels.channel,
    channels.nama_channel,
    coalesce(aggregated.complaints, 0) as complaints,
    coalesce(aggregated.complaints_in_both, 0) as complaints_in_both,
    coalesce(aggregated.reports, 0) as reports,
    coalesce(aggregated.complaints_not_archived, 0) as complaints_not_archived,
    coalesce(aggregated.complaints_selesai, 0) as complaints_selesai,
    coalesce(aggregated.complaints_open, 0) as complaints_open,
    coalesce(aggregated.verification_measured, 0) as verification_measured,
    coalesce(aggregated.verified_on_time, 0) as verified_on_time,
    coalesce(aggregated.follow_up_measured, 0) as follow_up_measured,
    coalesce(aggregated.followed_up_on_time, 0) as followed_up_on_time,
    aggregated.verified_on_time_rate,
    aggregated.followed_up_on_time_rate,
    aggregated.completion_rate,
    as_of.as_of_date

from regencies
cross join channels
cross join as_of
left join aggregated
    on regencies.kode_kabkota = aggregated.kode_kabkota
    and channels.channel = aggregated.channel
