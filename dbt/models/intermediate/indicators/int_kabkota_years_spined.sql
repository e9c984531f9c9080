-- Every regency/city x every year that any source covers, up to the data date's year:
-- the grain of the yearly marts and the scorecard (regencies without data keep their rows).
with

regencies as (

    select * from {{ ref('stg_wilayah__regencies') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

penduduk as (

    select * from {{ ref('stg_indicators__penduduk') }}

),

pdrb as (

    select * from {{ ref('stg_indicators__pdrb') }}

),

kemiskinan as (

    select * from {{ ref('stg_indicators__kemiskinan') }}

),

wisatawan as (

    select * from {{ ref('stg_indicators__wisatawan') }}

),

ispu as (

    select * from {{ ref('stg_indicators__ispu') }}

),

transactions as (

    select * from {{ ref('stg_service_logs__transactions') }}

),

complaints as (

    select * from {{ ref('stg_lapor__complaint_versions') }}

),

years_seen as (

    select tahun from penduduk
    union select tahun from pdrb
    union select tahun from kemiskinan
    union select tahun from wisatawan
    union select {{ year_of('tanggal') }} from ispu
    union select {{ year_of('waktu_permohonan') }} from transactions
    union select {{ year_of('tanggal_lapor') }} from complaints
    union select {{ year_of('as_of_date') }} from as_of

),

bounds as (

    select min(tahun) as first_year, max(tahun) as last_year
    from years_seen
    where tahun is not null

),

years as (

    select {{ integer_series('first_year', 'last_year') }}::integer as tahun
    from bounds

),

spined as (

    select
        regencies.code as kode_kabkota,
        regencies.name as nama_kabkota,
        years.tahun

    from regencies
    cross join years

)

select * from spined
