-- mart_rollout_kabkota as the rollout charts show it: with a label such as
-- "Kota Tegal: 19 dari 27 kelurahan" (desa, kelurahan or desa/kelurahan after what is targeted),
-- and the v1.1 sentence that answers the DPRD: "Kota Tegal: 19 dari 27 kelurahan sudah live; 7 di
-- antaranya menerbitkan surat ber-TTE dalam 30 hari" (programme progress and actual use side by
-- side), with coverage = villages with a TTE letter in 30 days ÷ all villages.
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
        rollout.village_count,
        rollout.tte_villages_30d,
        rollout.tte_coverage_30d,
        rollout.live_share,
        rollout.as_of_date,
        rollout.nama_kabkota || ': ' || rollout.live_villages || ' dari '
        || rollout.target_villages || ' ' || noun.kind as label,
        rollout.nama_kabkota || ': ' || rollout.live_villages || ' dari '
        || rollout.target_villages || ' ' || noun.kind || ' sudah live; '
        || coalesce(rollout.live_active_villages_30d, 0)
        || ' di antaranya menerbitkan surat ber-TTE dalam 30 hari' as label_cakupan

    from rollout
    left join target_jenis
        on rollout.kode_kabkota = target_jenis.kode_kabkota
        and rollout.program = target_jenis.program
    cross join lateral (
        select case
            when coalesce(target_jenis.n_desa, 0) = 0 then 'kelurahan'
            when coalesce(target_jenis.n_kelurahan, 0) = 0 then 'desa'
            else 'desa/kelurahan'
        end as kind
    ) as noun

)

select * from final
