-- SP4N-LAPOR! service levels per target agency (provincial agencies included).
with

complaints as (

    -- both channels, a report in both counted once (fct_complaint_reports)
    select * from {{ ref('fct_complaint_reports') }} where is_counted_once

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

aggregated as (

    select
        coalesce(instansi_tujuan, '(tidak diketahui)') as instansi_tujuan,
        count(distinct kode_kabkota) as kabkota_count,
        bool_or(kode_kabkota is null) as has_provincial_complaints,
{{ lapor_sla_measures() }}

    from complaints
    group by 1

)

select
    aggregated.*,
    as_of.as_of_date

from aggregated
cross join as_of
