-- The configured province's villages (kelurahan and desa); codes start with the province code.
with

source as (

    select * from {{ ref('ref_villages') }}

),

renamed as (

    select
        cast(code as varchar) as kode_wilayah,
        cast(district_code as varchar) as kode_kecamatan,
        cast(name as varchar) as nama_wilayah

    from source

)

select * from renamed
where kode_wilayah like '{{ province_code() }}.%'
