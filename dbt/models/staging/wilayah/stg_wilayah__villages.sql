-- The configured province's villages (kelurahan and desa); codes start with the province code.
with

source as (

    select * from {{ ref('ref_villages') }}

),

renamed as (

    select
        cast(code as varchar) as code,
        cast(district_code as varchar) as district_code,
        cast(name as varchar) as name

    from source

)

select * from renamed
where code like '{{ province_code() }}.%'
