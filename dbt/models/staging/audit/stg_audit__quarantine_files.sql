with

source as (

    select * from {{ source('audit', 'quarantine_files') }}

),

renamed as (

    select
        -- ids
        batch_id::varchar as batch_id,
        kode_kabkota::varchar as kode_kabkota,

        -- dimensions
        source::varchar as source,
        relative_path::varchar as relative_path,
        delivery_date::date as delivery_date,
        reason_code::varchar as reason_code,

        -- timestamps
        quarantined_at::timestamp as quarantined_at

    from source

)

select * from renamed
