-- Scorecard per regency/city, year and dimension, plus `overall`. A dimension's score is the
-- weighted mean (catalogue weights) of its indicator scores, given only when at least ⅔ of its
-- scored indicators have a value; `overall` is the mean of the four dimension scores, given only
-- when all four have one. Ranked 1-N (1 = best) among the regencies with a score, in complete
-- years only; the running year is 'berjalan', unranked. Unscored/unranked rows say why. Means are
-- taken over fixed-point values (exact sums): the same inputs give the same score in any build.
with

indicator_scores as (

    select * from {{ ref('mart_scorecard_kabkota') }}

),

-- v1.1 coverage: an indicator that needs an ISPU station counts only where a station measured
-- in the year; without one the environment dimension rests on the others (IKLH)
stations as (

    select kode_kabkota, tahun, stations from {{ ref('mart_environment_kabkota') }}

),

applicable as (

    select
        indicator_scores.*,
        not (
            coalesce(indicator_scores.indicator_code in {{ sql_list(var('ispu_indicators')) }}, false)
            and coalesce(stations.stations, 0) = 0
        ) as is_applicable

    from indicator_scores
    left join stations
        on indicator_scores.kode_kabkota = stations.kode_kabkota
        and indicator_scores.tahun = stations.tahun

),

dimensions as (

    select
        kode_kabkota,
        nama_kabkota,
        tahun,
        dimension,
        max(period_status) as period_status,
        count(*) filter (where weight > 0 and is_applicable) as indicators,
        count(score) as indicators_scored,
        -- sums over fixed-point values: exact, so the rounding cannot flip with summation order
        {{ round_double(
            'sum(' ~ fixed_point('score') ~ ' * ' ~ fixed_point('weight') ~ ') filter (where score is not null)'
            ~ ' / nullif(sum(' ~ fixed_point('weight') ~ ') filter (where score is not null), 0)', 2) }}
            as weighted_score

    from applicable
    group by 1, 2, 3, 4

),

dimensions_judged as (

    select
        kode_kabkota,
        nama_kabkota,
        tahun,
        dimension,
        period_status,
        indicators,
        indicators_scored,
        case
            when indicators_scored * {{ var('scorecard_min_indicators_den') }}
                >= indicators * {{ var('scorecard_min_indicators_num') }}
                and indicators_scored > 0
            then weighted_score
        end as score,
        case
            when indicators_scored * {{ var('scorecard_min_indicators_den') }}
                < indicators * {{ var('scorecard_min_indicators_num') }}
                or indicators_scored = 0
            then 'data tidak lengkap: ' || indicators_scored || ' dari ' || indicators
                || ' indikator (minimal ' || {{ var('scorecard_min_indicators_num') }} || '/'
                || {{ var('scorecard_min_indicators_den') }} || ')'
        end as unscored_reason

    from dimensions

),

overall as (

    select
        kode_kabkota,
        nama_kabkota,
        tahun,
        'overall' as dimension,
        max(period_status) as period_status,
        count(*) as indicators,
        count(score) as indicators_scored,
        case when count(score) = 4 then {{ round_double('avg(' ~ fixed_point('score') ~ ')', 2) }} end as score,
        case when count(score) < 4 then 'dimensi dengan skor: ' || count(score) || ' dari 4'
            || coalesce(' (tanpa skor: ' || string_agg(
                case when score is null then dimension end, ', ' order by dimension
            ) || ')', '')
        end as unscored_reason

    from dimensions_judged
    group by 1, 2, 3, 4

),

combined as (

    select * from dimensions_judged
    union all
    select * from overall

),

ranked as (

    select
        *,
        case when score is not null and period_status = 'lengkap' then rank() over (
            partition by tahun, dimension, score is not null and period_status = 'lengkap'
            order by score desc
        ) end as rank,
        coalesce(
            unscored_reason,
            case when period_status = 'berjalan' then 'tahun berjalan: belum diperingkat' end
        ) as unranked_reason

    from combined

)

select
    kode_kabkota,
    nama_kabkota,
    tahun,
    dimension,
    period_status,
    score,
    indicators_scored,
    indicators,
    rank,
    unranked_reason,
    case when lag(tahun) over p = tahun - 1 and lag(period_status) over p = 'lengkap'
        and period_status = 'lengkap' then score - lag(score) over p end as score_change,
    case when lag(tahun) over p = tahun - 1 then lag(rank) over p - rank end as rank_change

from ranked
window p as (partition by kode_kabkota, dimension order by tahun)
