-- Environment indicators per regency/city and year.
with

spine as (

    select * from {{ ref('int_kabkota_years_spined') }}

),

population as (

    select * from {{ ref('int_population_yearly_filled') }}

),

ispu as (

    {{ first_row_per(ref('stg_indicators__ispu'), 'id_stasiun, tanggal', 'loaded_at desc') }}

),

complaints as (

    select * from {{ ref('int_lapor_complaints_kabkota_yearly') }}

),

air_quality as (

    select
        kode_kabkota,
        {{ year_of('tanggal') }}::integer as tahun,
        count(distinct id_stasiun) as stations,
        count(*) as station_days,
        count(*) filter (where ispu <= 100) as station_days_good_moderate,
        avg(pm25) as pm25_annual_mean

    from ispu
    group by 1, 2

),

computed as (

    select
        spine.kode_kabkota,
        spine.nama_kabkota,
        spine.tahun,
        population.jumlah_penduduk,
        coalesce(air_quality.stations, 0) as stations,
        coalesce(air_quality.station_days, 0) as station_days,
        coalesce(air_quality.station_days_good_moderate, 0) as station_days_good_moderate,
        {{ safe_divide('air_quality.station_days_good_moderate', 'air_quality.station_days') }}
            as ispu_good_moderate_share,
        air_quality.pm25_annual_mean,
        complaints.complaints_lingkungan_hidup,
        {{ safe_divide('complaints.complaints_lingkungan_hidup * 100000', 'population.jumlah_penduduk') }}
            as environment_complaints_per_100k

    from spine
    left join population
        on spine.kode_kabkota = population.kode_kabkota and spine.tahun = population.tahun
    left join air_quality
        on spine.kode_kabkota = air_quality.kode_kabkota and spine.tahun = air_quality.tahun
    left join complaints
        on spine.kode_kabkota = complaints.kode_kabkota and spine.tahun = complaints.tahun

)

select * from computed
