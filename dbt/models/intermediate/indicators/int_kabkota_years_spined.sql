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

    -- each source's first and last year (min/max: no distinct over every raw row)
    select min(tahun) as first_year, max(tahun) as last_year from penduduk
    union all select min(tahun), max(tahun) from pdrb
    union all select min(tahun), max(tahun) from kemiskinan
    union all select min(tahun), max(tahun) from wisatawan
    union all select {{ year_of('min(tanggal)') }}, {{ year_of('max(tanggal)') }} from ispu
    union all
    select {{ year_of('min(waktu_permohonan)') }}, {{ year_of('max(waktu_permohonan)') }}
    from transactions
    union all
    select {{ year_of('min(tanggal_lapor)') }}, {{ year_of('max(tanggal_lapor)') }}
    from complaints
    union all select {{ year_of('as_of_date') }}, {{ year_of('as_of_date') }} from as_of

),

bounds as (

    select min(first_year) as first_year, max(last_year) as last_year
    from years_seen

),

years as (

    select {{ integer_series('first_year', 'last_year') }}::integer as tahun
    from bounds

),

spined as (

    select
        regencies.kode_kabkota,
        regencies.nama_kabkota,
        years.tahun

    from regencies
    cross join years

)

select * from spined
