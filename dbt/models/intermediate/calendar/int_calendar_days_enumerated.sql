-- One row per day with the working-day flag and a running working-day index, so that the
-- elapsed working days from A to B (lapor-v1: working days d with date(A) < d <= date(B))
-- is simply working_day_index(date(B)) - working_day_index(date(A)).
with

holidays as (

    select * from {{ ref('ref_holidays_id') }}

),

days as (

    select cast(generated.day as date) as tanggal
    from {{ day_series(var("calendar_start"), var("calendar_end"), "generated") }}

),

flagged as (

    select
        days.tanggal,
        {{ iso_day_of_week('days.tanggal') }} as iso_day_of_week,
        {{ iso_day_of_week('days.tanggal') }} >= 6 as is_weekend,
        holidays.tanggal is not null as is_holiday,
        holidays.nama_libur,
        {{ iso_day_of_week('days.tanggal') }} < 6 and holidays.tanggal is null as is_working_day

    from days
    left join holidays on days.tanggal = holidays.tanggal

),

indexed as (

    select
        *,
        sum(case when is_working_day then 1 else 0 end) over (
            order by tanggal rows between unbounded preceding and current row
        )::integer as working_day_index

    from flagged

)

select * from indexed
