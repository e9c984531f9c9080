-- Processing time per regency/city and year in working days (contracts v1.1 calendar: weekends,
-- national holidays, cuti bersama and the province's own closures excluded), the backlog
-- included (issue 29): every letter issued in the year counts with its working days from
-- request to issue, and every request still open at the year's close (the data date for the
-- running year) counts with its age in working days then, so that a regency/city with a backlog
-- does not look fast. Its median is GOV_PROCESSING_MEDIAN_WORKING_DAYS.
-- Working days from A to B: working days d with date(A) < d <= date(B) (lapor-v1).
with

spine as (

    select * from {{ ref('int_kabkota_years_spined') }}

),

transactions as (

    select * from {{ ref('fct_service_transactions') }}

),

calendar as (

    select * from {{ ref('int_calendar_days_enumerated') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

closes as (

    -- each year up to the data date, closed on 31 December or on the data date
    select
        spine.kode_kabkota,
        spine.nama_kabkota,
        spine.tahun,
        least(make_date(spine.tahun, 12, 31), as_of.as_of_date) as period_end_date

    from spine
    cross join as_of
    where make_date(spine.tahun, 1, 1) <= as_of.as_of_date

),

issued as (

    select
        closes.kode_kabkota,
        closes.tahun,
        true as is_issued,
        issued_day.working_day_index - requested_day.working_day_index as working_days

    from transactions
    inner join closes
        on transactions.kode_kabkota = closes.kode_kabkota
        and {{ year_of('transactions.tanggal_selesai') }} = closes.tahun
    inner join calendar as requested_day
        on requested_day.tanggal = transactions.tanggal_permohonan
    inner join calendar as issued_day
        on issued_day.tanggal = transactions.tanggal_selesai
    where transactions.status = 'selesai'
        and transactions.tanggal_selesai <= closes.period_end_date

),

open_at_close as (

    -- requested by the close and not closed by it: still in proses, or closed only later
    select
        closes.kode_kabkota,
        closes.tahun,
        false as is_issued,
        greatest(close_day.working_day_index - requested_day.working_day_index, 0)
            as working_days

    from transactions
    inner join closes
        on transactions.kode_kabkota = closes.kode_kabkota
        and transactions.tanggal_permohonan <= closes.period_end_date
    inner join calendar as requested_day
        on requested_day.tanggal = transactions.tanggal_permohonan
    inner join calendar as close_day
        on close_day.tanggal = closes.period_end_date
    where transactions.status = 'proses'
        or transactions.tanggal_selesai > closes.period_end_date

),

clocks as (

    select * from issued
    union all
    select * from open_at_close

),

aggregated as (

    select
        kode_kabkota,
        tahun,
        count(*) filter (where is_issued) as letters_issued,
        count(*) filter (where not is_issued) as requests_open_at_close,
        max(working_days) filter (where not is_issued) as open_age_working_days_max,
        {{ median('working_days') }} as processing_with_backlog_working_days_median

    from clocks
    group by 1, 2

),

final as (

    select
        closes.kode_kabkota,
        closes.nama_kabkota,
        closes.tahun,
        closes.period_end_date,
        coalesce(aggregated.letters_issued, 0) as letters_issued,
        coalesce(aggregated.requests_open_at_close, 0) as requests_open_at_close,
        aggregated.open_age_working_days_max,
        aggregated.processing_with_backlog_working_days_median::{{ type_double() }}
            as processing_with_backlog_working_days_median

    from closes
    left join aggregated
        on closes.kode_kabkota = aggregated.kode_kabkota and closes.tahun = aggregated.tahun

)

select * from final
