-- Environment indicators per regency/city and year.
with

spine as (

    select * from {{ ref('int_kabkota_years_spined') }}

),

population as (

    select * from {{ ref('int_population_yearly_filled') }}

),

ispu as (

    select * from {{ ref('int_ispu_daily_categorized') }}

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
        count(distinct tanggal) as days_measured,
        count(distinct tanggal) filter (where kategori_ispu = 'baik') as days_good,
        count(distinct tanggal) filter (
            where kategori_ispu in ('tidak sehat', 'sangat tidak sehat', 'berbahaya')
        ) as days_unhealthy,
        avg(pm25) as pm25_mean

    from ispu
    group by 1, 2

),

as_of as (
    select * from {{ ref('int_as_of_date_resolved') }}
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
        coalesce(air_quality.days_measured, 0) as days_measured,
        coalesce(air_quality.days_good, 0) as days_good,
        coalesce(air_quality.days_unhealthy, 0) as days_unhealthy,
        {{ days_between(
            'make_date(spine.tahun, 1, 1)',
            'least(make_date(spine.tahun, 12, 31), greatest(as_of.as_of_date, make_date(spine.tahun, 1, 1)))'
        ) }} + 1 as days_expected,
        -- annual figures only when enough days were measured (ispu_min_day_coverage)
        coalesce(air_quality.days_measured, 0) >= {{ var('ispu_min_day_coverage') }} * (
            {{ days_between(
                'make_date(spine.tahun, 1, 1)',
                'least(make_date(spine.tahun, 12, 31), greatest(as_of.as_of_date, make_date(spine.tahun, 1, 1)))'
            ) }} + 1
        ) as is_ispu_complete,
        {{ safe_divide('air_quality.station_days_good_moderate', 'air_quality.station_days') }}
            as ispu_good_moderate_share_raw,
        air_quality.pm25_mean,
        spine.tahun >= {{ year_of('as_of.as_of_date') }} as is_running_year,
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
    cross join as_of

)

select
    {{ star_except(['ispu_good_moderate_share_raw', 'pm25_mean', 'is_running_year'], [], [
        'kode_kabkota', 'nama_kabkota', 'tahun', 'jumlah_penduduk', 'stations', 'station_days',
        'station_days_good_moderate', 'days_measured', 'days_good', 'days_unhealthy',
        'days_expected', 'is_ispu_complete', 'ispu_good_moderate_share_raw', 'pm25_mean',
        'complaints_lingkungan_hidup', 'environment_complaints_per_100k',
    ]) }},
    case when is_ispu_complete then ispu_good_moderate_share_raw end as ispu_good_moderate_share,
    case when is_ispu_complete then pm25_mean end as pm25_annual_mean,
    {{ var('pm25_annual_standard') }} as pm25_annual_standard,
    -- v1.1: a running year's mean is never compared with the annual standard
    case when is_ispu_complete and not is_running_year
        then pm25_mean > {{ var('pm25_annual_standard') }} end
        as is_pm25_above_standard

from computed
