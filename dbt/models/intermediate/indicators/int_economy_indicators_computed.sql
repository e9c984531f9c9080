-- Economy indicators per regency/city and year (values as in ref_indikator: rates 0-1).
with

spine as (

    select * from {{ ref('int_kabkota_years_spined') }}

),

population as (

    select * from {{ ref('int_population_yearly_filled') }}

),

pdrb as (

    {{ first_row_per(ref('stg_indicators__pdrb'), 'kode_kabkota, tahun', 'loaded_at desc') }}

),

kemiskinan as (

    {{ first_row_per(ref('stg_indicators__kemiskinan'), 'kode_kabkota, tahun', 'loaded_at desc') }}

),

complaints as (

    select * from {{ ref('int_lapor_complaints_kabkota_yearly') }}

),

computed as (

    select
        spine.kode_kabkota,
        spine.nama_kabkota,
        spine.tahun,
        population.jumlah_penduduk,
        population.is_population_carried,
        pdrb.pdrb_adhb_miliar,
        pdrb.pdrb_adhk_miliar,
        pdrb.pdrb_adhb_miliar * 1000 / nullif(population.jumlah_penduduk, 0)
            as grdp_per_capita_juta,
        -- scored at constant 2010 prices (issue 29): inflation alone must not raise a score
        pdrb.pdrb_adhk_miliar * 1000 / nullif(population.jumlah_penduduk, 0)
            as grdp_per_capita_adhk_juta,
        pdrb.pdrb_adhk_miliar / nullif(pdrb_previous.pdrb_adhk_miliar, 0) - 1
            as grdp_real_growth,
        kemiskinan.persen_penduduk_miskin / 100 as poverty_rate,
        kemiskinan.tpt_persen / 100 as unemployment_rate,
        complaints.complaints,
        complaints.complaints_perizinan,
        {{ safe_divide('complaints.complaints_perizinan', 'complaints.complaints') }}
            as licensing_complaint_share

    from spine
    left join population
        on spine.kode_kabkota = population.kode_kabkota and spine.tahun = population.tahun
    left join pdrb
        on spine.kode_kabkota = pdrb.kode_kabkota and spine.tahun = pdrb.tahun
    left join pdrb as pdrb_previous
        on spine.kode_kabkota = pdrb_previous.kode_kabkota
        and spine.tahun - 1 = pdrb_previous.tahun
    left join kemiskinan
        on spine.kode_kabkota = kemiskinan.kode_kabkota and spine.tahun = kemiskinan.tahun
    left join complaints
        on spine.kode_kabkota = complaints.kode_kabkota and spine.tahun = complaints.tahun

)

select * from computed
