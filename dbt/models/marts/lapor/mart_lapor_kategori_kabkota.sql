-- Complaint volume per regency/city (all of them) and category: the contract's categories only
-- (ingestion quarantines any other value; one loaded before that rule counts as `lainnya`), so
-- no delivered text becomes a dashboard label or an open-data row. complaints* = jenis
-- pengaduan only (lapor-v1 v1.1), reports = all three jenis.
with

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

complaints as (

    -- both channels, a report in both counted once (fct_complaint_reports)
    select * from {{ ref('fct_complaint_reports') }} where is_counted_once

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

categories as (

    select {{ unnest_strings(var('lapor_kategori')) }} as kategori

),

aggregated as (

    select
        kode_kabkota,
        case
            when kategori in (select kategori from categories) then kategori else 'lainnya'
        end as kategori,
        count(*) filter (where jenis = 'pengaduan') as complaints,
        count(*) filter (
            where jenis = 'pengaduan'
                and tanggal_lapor::date > (select as_of_date from as_of) - {{ interval(12, 'month') }}
                and tanggal_lapor::date <= (select as_of_date from as_of)
        ) as complaints_12m,
        count(*) filter (where jenis = 'pengaduan' and is_open) as complaints_open,
        count(*) as reports

    from complaints
    where kode_kabkota is not null
    group by 1, 2

),

final as (

    select
        regencies.kode_kabkota,
        regencies.nama_kabkota,
        categories.kategori,
        coalesce(aggregated.complaints, 0) as complaints,
        coalesce(aggregated.complaints_12m, 0) as complaints_12m,
        coalesce(aggregated.complaints_open, 0) as complaints_open,
        coalesce(aggregated.reports, 0) as reports,
        as_of.as_of_date

    from regencies
    cross join categories
    cross join as_of
    left join aggregated
        on regencies.kode_kabkota = aggregated.kode_kabkota
        and categories.kategori = aggregated.kategori

)

select * from final
