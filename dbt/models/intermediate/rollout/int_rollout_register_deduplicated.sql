-- The current register with one row per village and programme (a repeated row: the last wins).
with

register as (

    select * from {{ ref('stg_rollout__register') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by kode_wilayah, program
            order by loaded_at desc, row_number desc
        ) as version_rank

    from register

)

select
    kode_wilayah,
    program,
    is_target,
    tanggal_live

from ranked
where version_rank = 1
