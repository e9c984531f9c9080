-- Population per regency and year; a year not (yet) published takes the nearest earlier year
-- (or, before the first published year, the earliest one) and says so.
with

spine as (

    select * from {{ ref('int_kabkota_years_spined') }}

),

penduduk as (

    {{ first_row_per(ref('stg_indicators__penduduk'), 'kode_kabkota, tahun', 'loaded_at desc') }}

),

candidates as (

    select
        spine.kode_kabkota,
        spine.tahun,
        penduduk.tahun as population_year,
        penduduk.jumlah_penduduk,
        row_number() over (
            partition by spine.kode_kabkota, spine.tahun
            order by
                case when penduduk.tahun <= spine.tahun then 0 else 1 end,
                abs(penduduk.tahun - spine.tahun)
        ) as candidate_rank

    from spine
    left join penduduk on spine.kode_kabkota = penduduk.kode_kabkota

)

select
    kode_kabkota,
    tahun,
    jumlah_penduduk,
    population_year,
    population_year is distinct from tahun as is_population_carried

from candidates
where candidate_rank = 1
