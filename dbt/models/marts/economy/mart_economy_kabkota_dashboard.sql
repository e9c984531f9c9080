-- mart_economy_kabkota as the dashboard shows it, plus is_latest_year: the last year in
-- which grdp_per_capita_juta has data (the running year is usually partial).
with

yearly as (

    select * from {{ ref('mart_economy_kabkota') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

final as (

    select
        yearly.*,
        -- v1.1 running years: labelled wherever the value is shown
        {{ year_label('yearly.tahun', 'as_of.as_of_date') }} as tahun_label,
        yearly.tahun >= {{ year_of('as_of.as_of_date') }} as is_running_year,
        coalesce(
            yearly.tahun = max(yearly.tahun) filter (where yearly.grdp_per_capita_juta is not null) over (),
            false
        ) as is_latest_year

    from yearly
    cross join as_of

)

select * from final
