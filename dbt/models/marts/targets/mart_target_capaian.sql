-- The province's plan targets (targets-v1) beside the platform's actual values: one row per
-- target (province or regency/city x indicator x year), plus one "belum ada target" row per
-- regency/city x indicator whose latest complete year with a value has no target.
-- Capaian = actual ÷ target (naik) or target ÷ actual (turun), only for a complete year with a
-- value: a running year's value is never compared with an annual target (serving-v1 v1.1).
-- Provincial actuals, each Σ/Σ over the regencies/cities: the headline programme's Σ live ÷
-- Σ target (GOV_TTE_LIVE_SHARE) for the data date's year; for a year in which EVERY
-- regency/city has its figure (a partial sum is no province figure), GRDP per capita at
-- constant prices (Σ GRDP ADHK ÷ Σ population), real growth (Σ GRDP ADHK ÷ the previous
-- year's Σ − 1) and poverty (Σ poverty rate × population ÷ Σ population). Open unemployment is
-- a share of the labour force, which no delivery carries: no provincial value (NULL, said so).
with

targets as (

    select * from {{ ref('stg_targets__indikator') }}

),

indicators as (

    select * from {{ ref('dim_indikator') }}

),

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

scores as (

    select * from {{ ref('mart_scorecard_kabkota') }}

),

rollout as (

    select * from {{ ref('mart_rollout_kabkota') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

province as (

    select * from {{ ref('stg_wilayah__provinces') }}

),

economy as (

    select * from {{ ref('mart_economy_kabkota') }}

),

regency_count as (

    select count(*) as n from regencies

),

economy_province as (

    select
        economy.tahun,
        count(economy.pdrb_adhk_miliar) = regency_count.n
            and count(economy.jumlah_penduduk) = regency_count.n as is_grdp_complete,
        count(economy.poverty_rate) = regency_count.n
            and count(economy.jumlah_penduduk) = regency_count.n as is_poverty_complete,
        sum(economy.pdrb_adhk_miliar) as pdrb_adhk_miliar,
        sum(economy.jumlah_penduduk) as jumlah_penduduk,
        sum(economy.poverty_rate * economy.jumlah_penduduk) as poor_residents
    from economy
    cross join regency_count
    group by economy.tahun, regency_count.n

),

economy_actuals as (

    select
        this_year.tahun,
        case when this_year.is_grdp_complete then
            {{ safe_divide('this_year.pdrb_adhk_miliar * 1000', 'this_year.jumlah_penduduk') }}
        end as grdp_per_capita_adhk_juta,
        case when this_year.is_grdp_complete and last_year.is_grdp_complete then
            {{ safe_divide('this_year.pdrb_adhk_miliar', 'last_year.pdrb_adhk_miliar') }} - 1
        end as grdp_real_growth,
        case when this_year.is_poverty_complete then
            {{ safe_divide('this_year.poor_residents', 'this_year.jumlah_penduduk') }}
        end as poverty_rate
    from economy_province as this_year
    left join economy_province as last_year on last_year.tahun = this_year.tahun - 1

),

province_actuals as (

    select
        'GOV_TTE_LIVE_SHARE' as indicator_code,
        {{ year_of('max(rollout.as_of_date)') }}::integer as tahun,
        {{ safe_divide('sum(rollout.live_villages)', 'sum(rollout.target_villages)') }} as value
    from rollout
    where rollout.program = '{{ var("headline_program") }}'

    union all
    select 'ECO_GRDP_PER_CAPITA', tahun, grdp_per_capita_adhk_juta from economy_actuals
    union all
    select 'ECO_GRDP_REAL_GROWTH', tahun, grdp_real_growth from economy_actuals
    union all
    select 'ECO_POVERTY_RATE', tahun, poverty_rate from economy_actuals

),

with_targets as (

    select
        targets.tingkat,
        targets.kode_kabkota,
        targets.indicator_code,
        targets.tahun,
        coalesce(scores.value, province_actuals.value) as actual_value,
        targets.target,
        targets.arah,
        targets.dokumen,
        targets.status_target
    from targets
    left join scores
        on targets.tingkat = 'kabkota'
        and targets.kode_kabkota = scores.kode_kabkota
        and targets.indicator_code = scores.indicator_code
        and targets.tahun = scores.tahun
    left join province_actuals
        on targets.tingkat = 'provinsi'
        and targets.indicator_code = province_actuals.indicator_code
        and targets.tahun = province_actuals.tahun

),

latest_values as (

    select kode_kabkota, indicator_code, max(tahun) as tahun
    from scores
    where value is not null and period_status = 'lengkap'
    group by 1, 2

),

without_targets as (

    select
        'kabkota' as tingkat,
        latest_values.kode_kabkota,
        latest_values.indicator_code,
        latest_values.tahun,
        scores.value as actual_value,
        null::{{ type_double() }} as target,
        null::varchar as arah,
        null::varchar as dokumen,
        null::varchar as status_target
    from latest_values
    inner join scores
        on latest_values.kode_kabkota = scores.kode_kabkota
        and latest_values.indicator_code = scores.indicator_code
        and latest_values.tahun = scores.tahun
    where not exists (
        select 1 from targets
        where targets.tingkat = 'kabkota'
            and targets.kode_kabkota = latest_values.kode_kabkota
            and targets.indicator_code = latest_values.indicator_code
            and targets.tahun = latest_values.tahun
    )

),

combined as (

    select * from with_targets
    union all
    select * from without_targets

),

final as (

    select
        combined.tingkat,
        combined.kode_kabkota,
        coalesce(regencies.nama_kabkota, 'Provinsi ' || province.nama_provinsi) as nama_wilayah,
        combined.indicator_code,
        indicators.nama_indikator,
        indicators.dimension,
        indicators.unit,
        combined.tahun,
        {{ year_label('combined.tahun', 'as_of.as_of_date') }} as tahun_label,
        combined.tahun >= {{ year_of('as_of.as_of_date') }} as is_running_year,
        combined.actual_value,
        combined.target,
        combined.arah,
        combined.dokumen,
        combined.status_target,
        case combined.status_target
            when 'ditetapkan' then 'ditetapkan'
            when 'usulan' then 'usulan (belum ditetapkan)'
        end as status_target_label,
        case
            when combined.target is null or combined.actual_value is null then null
            when combined.tahun >= {{ year_of('as_of.as_of_date') }} then null
            when combined.arah = 'naik' then {{ safe_divide('combined.actual_value', 'combined.target') }}
            else {{ safe_divide('combined.target', 'combined.actual_value') }}
        end as capaian,
        case
            when combined.target is null then 'belum ada target'
            when combined.actual_value is null then 'belum ada nilai'
            when combined.tahun >= {{ year_of('as_of.as_of_date') }}
                then 'tahun berjalan: capaian dihitung setelah tahun berakhir'
            else 'capaian dihitung'
        end as keterangan,
        as_of.as_of_date

    from combined
    cross join as_of
    cross join province
    left join regencies on combined.kode_kabkota = regencies.kode_kabkota
    left join indicators on combined.indicator_code = indicators.indicator_code

)

select * from final
