with

source as (

    select * from {{ source('indicators', 'indicator_ispu') }}

),

renamed as (

    select
        id_stasiun::varchar as id_stasiun,
        kode_kabkota::varchar as kode_kabkota,
        tanggal::date as tanggal,
        pm25::{{ type_double() }} as pm25,
        pm10::{{ type_double() }} as pm10,
        no2::{{ type_double() }} as no2,
        so2::{{ type_double() }} as so2,
        co::{{ type_double() }} as co,
        o3::{{ type_double() }} as o3,
        ispu::integer as ispu,
        _source_file::varchar as source_file,
        _batch_id::varchar as batch_id,
        _loaded_at::timestamp as loaded_at

    from source

)

select * from renamed
