with

source as (

    select * from {{ source('audit', 'reason_catalogue') }}

),

renamed as (

    select
        -- ids
        reason_code::varchar as reason_code,

        -- dimensions
        label::varchar as reason_label,
        teks::varchar as reason_text,
        tindakan::varchar as reason_action

    from source

)

select * from renamed
