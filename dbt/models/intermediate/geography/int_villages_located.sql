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
        villages.code as kode_wilayah,
        villages.name as nama_wilayah,
        case when substr(villages.code, 10, 1) = '1' then 'kelurahan' else 'desa' end as jenis,
        districts.code as kode_kecamatan,
        districts.name as nama_kecamatan,
        regencies.code as kode_kabkota,
        regencies.name as nama_kabkota

    from villages
    inner join districts on villages.district_code = districts.code
    inner join regencies on districts.regency_code = regencies.code

)

select * from located
