-- Tourism indicators per regency/city and year (monthly tables summed / averaged): annual
-- figures only for years with all 12 months reported (a partial year is not a year's total).
with

spine as (

    select * from {{ ref('int_kabkota_years_spined') }}

),

population as (

    select * from {{ ref('int_population_yearly_filled') }}

),

wisatawan as (

    {{ first_row_per(ref('stg_indicators__wisatawan'), 'kode_kabkota, tahun, bulan', 'loaded_at desc') }}

),

complaints as (

    select * from {{ ref('int_lapor_complaints_kabkota_yearly') }}

),

yearly as (
    select
        kode_kabkota,
        tahun,
        count(distinct bulan) as months_reported,
        case when count(distinct bulan) = 12 then sum(wisnus_perjalanan) end as domestic_trips,
        case when count(distinct bulan) = 12 then sum(wisman_kunjungan) end as foreign_visits,
        -- a simple mean of the months: indicators-v1 delivers no room counts to weight by
        case when count(distinct bulan) = 12 then avg(okupansi_hotel_persen) / 100 end
            as hotel_occupancy_rate
    from wisatawan
    group by 1, 2
),
computed as (

    select
        spine.kode_kabkota,
        spine.nama_kabkota,
        spine.tahun,
        population.jumlah_penduduk,
        coalesce(yearly.months_reported, 0) as months_reported,
        yearly.domestic_trips,
        yearly.foreign_visits,
        yearly.hotel_occupancy_rate,
        {{ safe_divide('yearly.domestic_trips * 100000', 'population.jumlah_penduduk') }}
            as domestic_trips_per_100k,
        -- scored per resident (issue 29): an absolute count rewards size
        {{ safe_divide('yearly.foreign_visits * 100000', 'population.jumlah_penduduk') }}
            as foreign_visits_per_100k,
        complaints.complaints_pariwisata,
        {{ safe_divide('complaints.complaints_pariwisata * 100000', 'yearly.domestic_trips') }}
            as tourism_complaints_per_100k_trips

    from spine
    left join population
        on spine.kode_kabkota = population.kode_kabkota and spine.tahun = population.tahun
    left join yearly
        on spine.kode_kabkota = yearly.kode_kabkota and spine.tahun = yearly.tahun
    left join complaints
        on spine.kode_kabkota = complaints.kode_kabkota and spine.tahun = complaints.tahun

)

select * from computed
