-- mart_environment_kabkota as the dashboard shows it, plus is_latest_year: the last COMPLETE year
-- in which pm25_annual_mean has data (v1.1: a running year's mean is never shown beside the
-- annual standard as the year's figure), and tahun_label ("2026 (Jan–Mar, berjalan)").
with

yearly as (

    select * from {{ ref('mart_environment_kabkota') }}

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
        -- a regency without a station (most of them) is named as such, never left blank
        case
            when yearly.stations = 0 then 'Tidak ada stasiun ISPU'
            when not yearly.is_ispu_complete
                then 'Data kurang lengkap: ' || yearly.days_measured || ' dari '
                    || yearly.days_expected || ' hari terukur'
            else yearly.stations || ' stasiun, ' || yearly.days_measured || ' dari '
                || yearly.days_expected || ' hari terukur'
        end as keterangan_stasiun,
        coalesce(
            yearly.tahun = max(yearly.tahun) filter (
                where yearly.pm25_annual_mean is not null
                    and yearly.tahun < {{ year_of('as_of.as_of_date') }}
            ) over (),
            false
        ) as is_latest_year

    from yearly
    cross join as_of

)

select * from final
