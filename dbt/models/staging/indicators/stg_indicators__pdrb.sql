with

source as (

    select * from {{ source('indicators', 'indicator_pdrb') }}

),

renamed as (

    select
        kode_kabkota::varchar as kode_kabkota,
        tahun::integer as tahun,
        pdrb_adhb_miliar::{{ type_double() }} as pdrb_adhb_miliar,
        pdrb_adhk_miliar::{{ type_double() }} as pdrb_adhk_miliar,
        _source_file::varchar as source_file,
        _batch_id::varchar as batch_id,
        _loaded_at::timestamp as loaded_at

    from source

)

select * from renamed
