with

source as (

    select * from {{ source('targets', 'target_indikator') }}

),

renamed as (

    select
        -- ids
        kode_indikator::varchar as indicator_code,
        tingkat::varchar as tingkat,
        nullif(trim(kode_kabkota), '')::varchar as kode_kabkota,
        tahun::integer as tahun,

        -- the target
        target::{{ type_double() }} as target,
        arah::varchar as arah,
        dokumen::varchar as dokumen,
        status_target::varchar as status_target,

        -- lineage
        _row_number::integer as row_number,
        _source_file::varchar as source_file,
        _batch_id::varchar as batch_id,
        _loaded_at::timestamp as loaded_at

    from source

)

select * from renamed
