with

calendar as (

    select * from {{ ref('int_calendar_days_enumerated') }}

)

select
    tanggal,
    {{ year_of('tanggal') }}::integer as tahun,
    {{ month_of('tanggal') }}::integer as bulan,
    date_trunc('month', tanggal)::date as awal_bulan,
    iso_day_of_week,
    is_weekend,
    is_holiday,
    is_cuti_bersama,
    is_penutupan_kantor,
    nama_libur,
    keterangan_penutupan,
    is_working_day,
    working_day_index

from calendar
