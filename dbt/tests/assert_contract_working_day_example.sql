-- lapor-v1's (v1.1) example, checked against the real holiday seed
-- (holidays.country_holidays("ID", categories=("public", "government"))): submitted Thu
-- 2026-03-19 (Day of Silence), verified Wed 2026-03-25 -> 1 elapsed working day (20, 23, 24
-- March are cuti bersama, 21-22 a weekend); and Fri 2026-03-20 -> Wed 2026-03-25 -> 1 as well.
with

calendar as (

    select * from {{ ref('dim_date') }}

),

elapsed as (

    select
        max(working_day_index) filter (where tanggal = date '2026-03-25')
        - max(working_day_index) filter (where tanggal = date '2026-03-19') as from_nyepi,
        max(working_day_index) filter (where tanggal = date '2026-03-25')
        - max(working_day_index) filter (where tanggal = date '2026-03-20') as from_cuti
    from calendar

)

select * from elapsed
where from_nyepi is distinct from 1 or from_cuti is distinct from 1
