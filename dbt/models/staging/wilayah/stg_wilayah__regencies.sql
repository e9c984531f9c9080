-- The configured province's regencies/cities (the seeds hold all of Indonesia).
with

source as (

    select * from {{ ref('ref_regencies') }}

),

renamed as (

    select
        cast(code as varchar) as kode_kabkota,
        cast(province_code as varchar) as kode_provinsi,
        cast(name as varchar) as nama_kabkota

    from source

)

select * from renamed
where kode_provinsi = '{{ province_code() }}'
