-- mart_environment_kabkota as the dashboard shows it, plus is_latest_year: the last year in
-- which pm25_annual_mean has data (the running year is usually partial).
with

yearly as (

    select * from {{ ref('mart_environment_kabkota') }}

),

final as (

    select
        yearly.*,
        coalesce(
            yearly.tahun = max(yearly.tahun) filter (where yearly.pm25_annual_mean is not null) over (),
            false
        ) as is_latest_year

    from yearly

)

select * from final
