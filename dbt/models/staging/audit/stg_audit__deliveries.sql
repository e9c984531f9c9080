with

source as (

    select * from {{ source('audit', 'deliveries') }}

),

renamed as (

    select
        -- ids
        batch_id::varchar as batch_id,
        kode_kabkota::varchar as kode_kabkota,

        -- dimensions
        source::varchar as source,
        channel::varchar as channel,
        dataset::varchar as dataset,
        relative_path::varchar as relative_path,
        delivery_date::date as delivery_date,
        period::varchar as period,
        file_hash::varchar as file_hash,
        file_format::varchar as file_format,
        file_quarantined::boolean as is_file_quarantined,
        file_reason::varchar as file_reason,
        is_current::boolean as is_current,

        -- numbers
        rows_delivered::integer as rows_delivered,
        rows_loaded::integer as rows_loaded,
        rows_quarantined::integer as rows_quarantined,

        -- timestamps
        loaded_at::timestamp as loaded_at

    from source

)

select * from renamed
