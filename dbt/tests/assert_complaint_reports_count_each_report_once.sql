-- One report, one count (laporgub-v1): recomputed from staging, independently of the fact's
-- joins. Every SP4N-LAPOR! complaint and every LaporGub! ticket is in fct_complaint_reports
-- once; the rows counted once are the complaints plus the tickets whose rujukan_lapor names no
-- delivered complaint; per regency, the combined mart's reports (all jenis) are its counted-once
-- rows with that regency, and its complaints (pengaduan) complaints_lapor + complaints_laporgub
-- - complaints_in_both.
with

lapor as (

    select distinct tracking_id from {{ ref('stg_lapor__complaint_versions') }}

),

laporgub as (

    select distinct no_tiket, rujukan_lapor from {{ ref('stg_laporgub__report_versions') }}

),

expected as (

    select
        (select count(*) from lapor) as lapor_reports,
        (select count(distinct no_tiket) from laporgub) as laporgub_reports,
        (select count(*) from lapor)
        + (
            select count(distinct no_tiket) from laporgub
            where rujukan_lapor is null
                or rujukan_lapor not in (select tracking_id from lapor)
        ) as counted_once

),

actual as (

    select
        count(*) filter (where channel = 'lapor') as lapor_reports,
        count(*) filter (where channel = 'laporgub') as laporgub_reports,
        count(*) filter (where is_counted_once) as counted_once,
        count(*) filter (where is_counted_once and kode_kabkota is not null)
            as counted_once_with_kabkota
    from {{ ref('fct_complaint_reports') }}

),

mart as (

    select
        sum(reports) as reports,
        sum(case when complaints <> complaints_lapor + complaints_laporgub - complaints_in_both
            then 1 else 0 end) as regencies_not_adding_up
    from {{ ref('mart_lapor_sla_kabkota') }}

)

select expected.*, actual.*, mart.*
from expected, actual, mart
where expected.lapor_reports <> actual.lapor_reports
    or expected.laporgub_reports <> actual.laporgub_reports
    or expected.counted_once <> actual.counted_once
    or actual.counted_once_with_kabkota <> mart.reports
    or mart.regencies_not_adding_up > 0
