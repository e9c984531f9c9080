with

source as (

    select * from {{ source('rollout', 'rollout_register') }}

),

renamed as (

    select
        -- ids
        kode_wilayah::varchar as kode_wilayah,
        program::varchar as program,

        -- dimensions
        target::boolean as is_target,

        -- dates
        tanggal_live::date as tanggal_live,

        -- lineage
        _row_number::integer as row_number,
        _source_file::varchar as source_file,
        _batch_id::varchar as batch_id,
        _loaded_at::timestamp as loaded_at

    from source

)

select * from renamed
