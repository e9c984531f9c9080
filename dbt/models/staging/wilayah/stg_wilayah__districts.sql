-- The configured province's districts (kecamatan); codes start with the province code.
with

source as (

    select * from {{ ref('ref_districts') }}

),

renamed as (

    select
        cast(code as varchar) as code,
        cast(regency_code as varchar) as regency_code,
        cast(name as varchar) as name

    from source

)

select * from renamed
where code like '{{ province_code() }}.%'
