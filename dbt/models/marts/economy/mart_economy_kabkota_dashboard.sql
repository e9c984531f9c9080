-- mart_economy_kabkota as the dashboard shows it, plus is_latest_year: the last year in
-- which grdp_per_capita_juta has data (the running year is usually partial).
with

yearly as (

    select * from {{ ref('mart_economy_kabkota') }}

),

final as (

    select
        yearly.*,
        coalesce(
            yearly.tahun = max(yearly.tahun) filter (where yearly.grdp_per_capita_juta is not null) over (),
            false
        ) as is_latest_year

    from yearly

)

select * from final
