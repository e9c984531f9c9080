-- mart_scorecard_dimension_kabkota as the scorecard charts show it: the dimension's name in
-- Bahasa Indonesia, the period status and reason in words, and whether the year is the one to
-- show for the dimension: the latest complete year with a score, or, when no complete year has
-- one yet, the running year (shown 'berjalan', never ranked).
with

scores as (

    select * from {{ ref('mart_scorecard_dimension_kabkota') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

labelled as (

    select
        kode_kabkota,
        nama_kabkota,
        tahun,
        dimension,
        case dimension
            when 'overall' then 'Keseluruhan'
            when 'governance' then 'Tata kelola'
            when 'economy' then 'Ekonomi'
            when 'environment' then 'Lingkungan'
            when 'tourism' then 'Pariwisata'
            else dimension
        end as dimensi,
        period_status,
        case period_status when 'lengkap' then 'tahun lengkap' else 'berjalan' end
            as status_periode,
        -- v1.1: the year travels with every score ("Ekonomi 2025", "Lingkungan 2026 (Jan–Mar,
        -- berjalan)"), so a pivot never shows different years under one header
        {{ year_label('tahun', 'as_of.as_of_date') }} as tahun_label,
        score,
        rank,
        rank_change,
        coalesce(unranked_reason, 'diperingkat') as keterangan,
        coalesce(
            max(tahun) filter (where score is not null and period_status = 'lengkap')
                over (partition by dimension),
            max(tahun) filter (where score is not null) over (partition by dimension)
        ) as shown_year

    from scores
    cross join as_of

)

select
    {{ star_except(['shown_year'], [], [
        'kode_kabkota', 'nama_kabkota', 'tahun', 'dimension', 'dimensi', 'period_status',
        'status_periode', 'tahun_label', 'score', 'rank', 'rank_change', 'keterangan',
        'shown_year',
    ]) }},
    dimensi || ' ' || tahun_label as dimensi_tahun,
    coalesce(tahun = shown_year, false) as is_latest_year

from labelled
