-- Economy per regency/city (all of them) and year: GRDP per capita, real growth, poverty,
-- open unemployment and the share of complaints about licensing.
with

economy as (

    select * from {{ ref('int_economy_indicators_computed') }}

)

select
    kode_kabkota,
    nama_kabkota,
    tahun,
    jumlah_penduduk,
    is_population_carried,
    pdrb_adhb_miliar,
    pdrb_adhk_miliar,
    grdp_per_capita_juta,
    grdp_per_capita_adhk_juta,
    grdp_real_growth,
    poverty_rate,
    unemployment_rate,
    complaints,
    complaints_perizinan,
    licensing_complaint_share

from economy
