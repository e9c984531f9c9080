-- One row per day with the working-day flag and a running working-day index, so that the
-- elapsed working days from A to B (lapor-v1: working days d with date(A) < d <= date(B))
-- is simply working_day_index(date(B)) - working_day_index(date(A)).
-- Working day (contracts v1.1): Monday-Friday, not a national holiday, not a day of the civil
-- service's joint leave (cuti bersama: both in ref_holidays_id) and not a closure the province
-- declared itself (ref_penutupan_kantor).
with

holidays as (

    select * from {{ ref('ref_holidays_id') }}

),

closures as (

    select * from {{ ref('ref_penutupan_kantor') }}

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
        coalesce(holidays.kategori = 'public', false) as is_holiday,
        coalesce(holidays.kategori = 'government', false) as is_cuti_bersama,
        closures.tanggal is not null as is_penutupan_kantor,
        holidays.nama_libur,
        closures.keterangan as keterangan_penutupan,
        {{ iso_day_of_week('days.tanggal') }} < 6
            and holidays.tanggal is null
            and closures.tanggal is null as is_working_day

    from days
    left join holidays on days.tanggal = holidays.tanggal
    left join closures on days.tanggal = closures.tanggal

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
