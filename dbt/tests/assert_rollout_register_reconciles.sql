-- Every targeted / live village-programme of the register is counted in mart_rollout_kabkota
-- (a village code or programme unknown to the dimensions would otherwise vanish).
with

as_of as (

    select as_of_date from {{ ref('int_as_of_date_resolved') }}

),

register as (

    select
        count(distinct (kode_wilayah, program)) filter (where target) as target_villages,
        count(distinct (kode_wilayah, program)) filter (
            where target and tanggal_live <= (select as_of_date from as_of)
        ) as live_villages
    from {{ source('rollout', 'rollout_register') }}

),

marts as (

    select sum(target_villages) as target_villages, sum(live_villages) as live_villages
    from {{ ref('mart_rollout_kabkota') }}

)

select register.*, marts.target_villages as mart_target, marts.live_villages as mart_live
from register, marts
where register.target_villages <> marts.target_villages
    or register.live_villages <> marts.live_villages
