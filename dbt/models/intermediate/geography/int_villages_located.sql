-- Every village with its district and regency/city (Kemendagri codes).
with

villages as (

    select * from {{ ref('stg_wilayah__villages') }}

),

districts as (

    select * from {{ ref('stg_wilayah__districts') }}

),

regencies as (

    select * from {{ ref('stg_wilayah__regencies') }}

),

located as (

    select
        villages.kode_wilayah,
        villages.nama_wilayah,
        case when substr(villages.kode_wilayah, 10, 1) = '1' then 'kelurahan' else 'desa' end as jenis,
        districts.kode_kecamatan,
        districts.nama_kecamatan,
        regencies.kode_kabkota,
        regencies.nama_kabkota

    from villages
    inner join districts on villages.kode_kecamatan = districts.kode_kecamatan
    inner join regencies on districts.kode_kabkota = regencies.kode_kabkota

)

select * from located
