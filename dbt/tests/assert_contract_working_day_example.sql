-- lapor-v1's example, checked against the real holiday seed (holidays.country_holidays("ID")):
-- Fri 2026-03-20 -> Wed 2026-03-25 = 3 elapsed working days.
with

calendar as (

    select * from {{ ref('dim_date') }}

),

elapsed as (

    select
        max(working_day_index) filter (where tanggal = date '2026-03-25')
        - max(working_day_index) filter (where tanggal = date '2026-03-20') as working_days
    from calendar

)

select * from elapsed where working_days is distinct from 3
