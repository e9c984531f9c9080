-- The configured province's regency/city outlines, one row per polygon part.
with

source as (

    select * from {{ ref('ref_batas_kabkota') }}

),

renamed as (

    select
        cast(kode_kabkota as varchar) as kode_kabkota,
        cast(bagian as integer) as bagian,
        cast(nama as varchar) as nama_batas,
        cast(polygon as varchar) as polygon,
        cast(label_lat as {{ type_double() }}) as label_lat,
        cast(label_lon as {{ type_double() }}) as label_lon

    from source

)

select * from renamed
where kode_kabkota like '{{ province_code() }}.%'
