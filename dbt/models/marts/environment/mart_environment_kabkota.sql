-- Environment per regency/city (all of them) and year: ISPU good/moderate days, PM2.5 annual mean,
-- environment complaints per 100,000 residents.
with

environment as (

    select * from {{ ref('int_environment_indicators_computed') }}

)

select
    kode_kabkota,
    nama_kabkota,
    tahun,
    jumlah_penduduk,
    stations,
    station_days,
    station_days_good_moderate,
    days_measured,
    days_expected,
    is_ispu_complete,
    days_good,
    days_unhealthy,
    ispu_good_moderate_share,
    pm25_annual_mean,
    pm25_annual_standard,
    is_pm25_above_standard,
    complaints_lingkungan_hidup,
    environment_complaints_per_100k

from environment
