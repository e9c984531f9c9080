with

source as (

    select * from {{ source('indicators', 'indicator_spbe') }}

),

renamed as (

    select
        kode_kabkota::varchar as kode_kabkota,
        tahun::integer as tahun,
        indeks_spbe::{{ type_double() }} as indeks_spbe,
        _source_file::varchar as source_file,
        _batch_id::varchar as batch_id,
        _loaded_at::timestamp as loaded_at

    from source

)

select * from renamed
