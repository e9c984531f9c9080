-- The configured province's districts (kecamatan); codes start with the province code.
with

source as (

    select * from {{ ref('ref_districts') }}

),

renamed as (

    select
        cast(code as varchar) as kode_kecamatan,
        cast(regency_code as varchar) as kode_kabkota,
        cast(name as varchar) as nama_kecamatan

    from source

)

select * from renamed
where kode_kecamatan like '{{ province_code() }}.%'
