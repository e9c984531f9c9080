with

source as (

    select * from {{ source('indicators', 'indicator_iklh') }}

),

renamed as (

    select
        kode_kabkota::varchar as kode_kabkota,
        tahun::integer as tahun,
        iklh::{{ type_double() }} as iklh,
        _source_file::varchar as source_file,
        _batch_id::varchar as batch_id,
        _loaded_at::timestamp as loaded_at

    from source

)

select * from renamed
