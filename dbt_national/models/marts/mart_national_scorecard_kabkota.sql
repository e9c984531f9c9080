-- Regencies/cities ranked across provinces on the scorecard rules (serving-v1.1): the score
-- against the indicator's fixed bounds is the province's own; a row is ranked nationally exactly
-- when its province ranks it (a complete year, a value, a scored indicator), in the indicator's
-- direction, ties sharing a rank. Missing data never ranks.
with

scorecard as (select * from {{ ref('stg_lake__scorecard_kabkota') }}),

provinces as (select * from {{ ref('national_provinces') }}),

indicators as (select * from {{ ref('national_indicators') }}),

ranked as (

    select
        *,
        case when rank_provinsi is not null then cast(rank() over (
            partition by tahun, indicator_code, rank_provinsi is not null
            order by case when direction = 'higher_is_better' then value else -value end desc
        ) as bigint) end as rank_nasional,
        count(rank_provinsi) over (partition by tahun, indicator_code) as ranked_regencies,
        -- the latest year any province ranks: what the national dashboard shows first
        max(case when rank_provinsi is not null then tahun end) over () as latest_ranked_year

    from scorecard

),

final as (

    select
        ranked.kode_provinsi,
        provinces.nama_provinsi,
        kode_kabkota,
        nama_kabkota,
        tahun,
        ranked.dimension,
        -- an indicator the catalogue does not know keeps its code: never a blank row label
        coalesce(indicators.dimensi, ranked.dimension) as dimensi,
        ranked.indicator_code,
        coalesce(indicators.nama_indikator, ranked.indicator_code) as nama_indikator,
        direction,
        value,
        score,
        rank_provinsi,
        rank_nasional,
        ranked_regencies,
        period_status,
        unranked_reason,
        coalesce(tahun = latest_ranked_year, false) as is_latest_year

    from ranked
    left join provinces on ranked.kode_provinsi = provinces.kode_provinsi
    left join indicators on ranked.indicator_code = indicators.indicator_code

)

select * from final
