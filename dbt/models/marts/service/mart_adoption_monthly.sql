-- Adoption per regency/city x month of request x service x channel (all combinations, zeros
-- where nothing happened).
with

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

services as (

    select * from {{ ref('dim_layanan') }}

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

channels as (

    select {{ unnest_strings(['web', 'mobile', 'loket']) }} as kanal

),

aggregated as (

    select
        kode_kabkota,
        date_trunc('month', waktu_permohonan)::date as bulan,
        jenis_layanan,
        kanal,
{{ adoption_measures() }}

    from transactions
    group by 1, 2, 3, 4

),

final as (

    select
        regencies.kode_kabkota,
        regencies.nama_kabkota,
        months.bulan,
        services.jenis_layanan,
        services.nama_layanan,
        channels.kanal,
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
        aggregated.open_age_working_days_max

    from regencies
    cross join months
    cross join services
    cross join channels
    left join aggregated
        on regencies.kode_kabkota = aggregated.kode_kabkota
        and months.bulan = aggregated.bulan
        and services.jenis_layanan = aggregated.jenis_layanan
        and channels.kanal = aggregated.kanal

)

select * from final
