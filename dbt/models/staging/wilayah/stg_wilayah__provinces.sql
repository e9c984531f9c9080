-- The configured province (one row): code and name.
with

source as (

    select * from {{ ref('ref_provinces') }}

),

renamed as (

    select
        cast(code as varchar) as code,
        cast(name as varchar) as name

    from source

)

select * from renamed
where code = '{{ province_code() }}'
