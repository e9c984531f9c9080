-- SP4N-LAPOR! service levels per target agency (provincial agencies included).
with

complaints as (

    select * from {{ ref('fct_lapor_complaints') }}

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
