-- mart_scorecard_dimension_kabkota as the scorecard charts show it: the dimension's name in
-- Bahasa Indonesia and whether the year is the latest with a score for that dimension.
with

scores as (

    select * from {{ ref('mart_scorecard_dimension_kabkota') }}

),

final as (

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
        score,
        rank,
        rank_change,
        coalesce(
            tahun = max(tahun) filter (where score is not null) over (partition by dimension),
            false
        ) as is_latest_year

    from scores

)

select * from final
