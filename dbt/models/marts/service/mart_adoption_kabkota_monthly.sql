-- Adoption per regency/city (all of them) and month of request: TTE share of issued letters,
-- processing time, rejection and signing-failure rates.
with

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

transactions as (

{{ transactions_in_working_days() }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

months as (

    select {{ month_series(
        "(select date_trunc('month', min(waktu_permohonan)) from transactions)",
        "(select date_trunc('month', as_of_date) from as_of)",
    ) }}::date as bulan

),

aggregated as (

    select
        kode_kabkota,
        date_trunc('month', waktu_permohonan)::date as bulan,
{{ adoption_measures() }}

    from transactions
    group by 1, 2

),

final as (

    select
        regencies.kode_kabkota,
        regencies.nama_kabkota,
        months.bulan,
        coalesce(aggregated.requests, 0) as requests,
        coalesce(aggregated.letters_issued, 0) as letters_issued,
        coalesce(aggregated.tte_letters_issued, 0) as tte_letters_issued,
        coalesce(aggregated.requests_rejected, 0) as requests_rejected,
        coalesce(aggregated.requests_failed, 0) as requests_failed,
        coalesce(aggregated.requests_in_progress, 0) as requests_in_progress,
        aggregated.tte_share,
        aggregated.rejection_rate,
        aggregated.signing_failure_rate,
        aggregated.processing_hours_median,
        aggregated.processing_hours_p90,
        coalesce(aggregated.processing_working_days_total, 0) as processing_working_days_total,
        aggregated.processing_working_days_median,
        aggregated.processing_working_days_p90,
        coalesce(aggregated.open_age_working_days_total, 0) as open_age_working_days_total,
        aggregated.open_age_working_days_median,
        aggregated.open_age_working_days_max,
        (select as_of_date from as_of) as as_of_date

    from regencies
    cross join months
    left join aggregated
        on regencies.kode_kabkota = aggregated.kode_kabkota
        and months.bulan = aggregated.bulan

)

select * from final
