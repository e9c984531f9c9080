-- Tourism per regency/city (all of them) and year: domestic trips per 100,000 residents, foreign
-- visits, hotel occupancy, tourism complaints per 100,000 domestic trips.
with

tourism as (

    select * from {{ ref('int_tourism_indicators_computed') }}

)

select
    kode_kabkota,
    nama_kabkota,
    tahun,
    jumlah_penduduk,
    months_reported,
    domestic_trips,
    foreign_visits,
    hotel_occupancy_rate,
    domestic_trips_per_100k,
    foreign_visits_per_100k,
    complaints_pariwisata,
    tourism_complaints_per_100k_trips

from tourism
