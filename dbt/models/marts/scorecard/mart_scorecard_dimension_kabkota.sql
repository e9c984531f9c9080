-- Scorecard rolled up per regency/city, year and dimension, plus `overall`: the mean
-- of the indicator scores in a dimension; overall = the mean of the dimension scores. Ranked
-- 1-N (1 = best; N = the province's regencies/cities), with the change from the previous year.
with

indicator_scores as (

    select * from {{ ref('mart_scorecard_kabkota') }}

),

dimensions as (

    select
        kode_kabkota,
        nama_kabkota,
        tahun,
        dimension,
        {{ round_double('avg(score)', 2) }} as score,
        count(score) as indicators_scored,
        count(*) as indicators

    from indicator_scores
    group by 1, 2, 3, 4

),

overall as (

    select
        kode_kabkota,
        nama_kabkota,
        tahun,
        'overall' as dimension,
        {{ round_double('avg(score)', 2) }} as score,
        sum(indicators_scored) as indicators_scored,
        sum(indicators) as indicators

    from dimensions
    group by 1, 2, 3, 4

),

combined as (

    select * from dimensions
    union all
    select * from overall

),

ranked as (

    select
        *,
        case when score is not null then rank() over (
            partition by tahun, dimension order by score desc nulls last
        ) end as rank

    from combined

)

select
    *,
    score - lag(score) over p as score_change,
    lag(rank) over p - rank as rank_change

from ranked
window p as (partition by kode_kabkota, dimension order by tahun)
