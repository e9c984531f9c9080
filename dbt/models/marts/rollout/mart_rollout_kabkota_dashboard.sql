-- mart_rollout_kabkota as the rollout charts show it: with a label such as
-- "Kota Tegal: 19 dari 27 kelurahan" (desa, kelurahan or desa/kelurahan after what is targeted).
with

rollout as (

    select * from {{ ref('mart_rollout_kabkota') }}

),

villages as (

    select * from {{ ref('mart_rollout_village') }}

),

target_jenis as (

    select
        kode_kabkota,
        program,
        count(*) filter (where jenis = 'kelurahan') as n_kelurahan,
        count(*) filter (where jenis = 'desa') as n_desa

    from villages
    where is_target
    group by 1, 2

),

final as (

    select
        rollout.kode_kabkota,
        rollout.nama_kabkota,
        rollout.program,
        rollout.target_villages,
        rollout.live_villages,
        rollout.active_villages_30d,
        rollout.live_active_villages_30d,
        rollout.as_of_date,
        rollout.nama_kabkota || ': ' || rollout.live_villages || ' dari '
        || rollout.target_villages || ' '
        || case
            when coalesce(target_jenis.n_desa, 0) = 0 then 'kelurahan'
            when coalesce(target_jenis.n_kelurahan, 0) = 0 then 'desa'
            else 'desa/kelurahan'
        end as label

    from rollout
    left join target_jenis
        on rollout.kode_kabkota = target_jenis.kode_kabkota
        and rollout.program = target_jenis.program

)

select * from final
