-- The v1.1 composite indices per regency/city and year: BPS's human development index (ipm),
-- the SPBE evaluation index (indeks_spbe: not evaluated every year; a missing year stays
-- missing, never carried forward) and the environment agency's IKLH (every regency/city, so
-- the environment dimension does not hinge on an ISPU station). The latest delivery wins.
with

spine as (

    select * from {{ ref('int_kabkota_years_spined') }}

),

ipm as (

    {{ first_row_per(ref('stg_indicators__ipm'), 'kode_kabkota, tahun', 'loaded_at desc') }}

),

spbe as (

    {{ first_row_per(ref('stg_indicators__spbe'), 'kode_kabkota, tahun', 'loaded_at desc') }}

),

iklh as (

    {{ first_row_per(ref('stg_indicators__iklh'), 'kode_kabkota, tahun', 'loaded_at desc') }}

)

select
    spine.kode_kabkota,
    spine.nama_kabkota,
    spine.tahun,
    ipm.ipm,
    spbe.indeks_spbe,
    iklh.iklh

from spine
left join ipm on spine.kode_kabkota = ipm.kode_kabkota and spine.tahun = ipm.tahun
left join spbe on spine.kode_kabkota = spbe.kode_kabkota and spine.tahun = spbe.tahun
left join iklh on spine.kode_kabkota = iklh.kode_kabkota and spine.tahun = iklh.tahun
