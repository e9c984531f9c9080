-- The configured province's regencies/cities (the seeds hold all of Indonesia).
with

source as (

    select * from {{ ref('ref_regencies') }}

),

renamed as (

    select
        cast(code as varchar) as code,
        cast(province_code as varchar) as province_code,
        cast(name as varchar) as name

    from source

)

select * from renamed
where province_code = '{{ province_code() }}'
