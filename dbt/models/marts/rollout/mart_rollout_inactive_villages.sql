-- The chase list: villages declared live on a programme that were not active in the last 30
-- days, oldest go-live first, for Diskominfo to follow up.
with

villages as (

    select * from {{ ref('mart_rollout_village') }}

)

select
    kode_wilayah,
    nama_wilayah,
    jenis,
    nama_kecamatan,
    kode_kabkota,
    nama_kabkota,
    program,
    nama_program,
    tanggal_live,
    {{ days_between('tanggal_live', 'as_of_date') }} as days_since_live,
    last_activity_date,
    letters_30d,
    tte_letters_30d,
    as_of_date

from villages
where is_live_inactive_30d
order by kode_kabkota, program, tanggal_live, kode_wilayah
