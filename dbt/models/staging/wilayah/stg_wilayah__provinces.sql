-- The configured province (one row): code and name.
with

source as (

    select * from {{ ref('ref_provinces') }}

),

renamed as (

    select
        cast(code as varchar) as kode_provinsi,
        cast(name as varchar) as nama_provinsi

    from source

)

select * from renamed
where kode_provinsi = '{{ province_code() }}'
