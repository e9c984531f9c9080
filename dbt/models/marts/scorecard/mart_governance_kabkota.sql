-- Governance per regency/city (all of them) and year: e-signature and online-service adoption,
-- processing time (working days, the backlog included: mart_processing_kabkota_yearly), village
-- go-live, SP4N-LAPOR! service levels.
with

spine as (

    select * from {{ ref('int_kabkota_years_spined') }}

),

transactions as (

    select * from {{ ref('fct_service_transactions') }}

),

villages as (

    select * from {{ ref('dim_wilayah') }}

),

register as (

    select * from {{ ref('int_rollout_register_deduplicated') }}

),

complaints as (

    select * from {{ ref('int_lapor_complaints_kabkota_yearly') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

processing as (

    select * from {{ ref('mart_processing_kabkota_yearly') }}

),

deliveries as (

    select * from {{ ref('stg_audit__deliveries') }}

),

coverage as (

    -- days of the year (up to the data date) with an accepted service-log delivery
    select
        deliveries.kode_kabkota,
        {{ year_of('deliveries.delivery_date') }}::integer as tahun,
        count(distinct deliveries.delivery_date) as service_days_delivered

    from deliveries
    cross join as_of
    where deliveries.source = 'service_logs'
        and deliveries.is_current
        and not deliveries.is_file_quarantined
        and deliveries.delivery_date <= as_of.as_of_date
    group by 1, 2

),

issued as (

    select
        kode_kabkota,
        {{ year_of('waktu_selesai') }}::integer as tahun,
        count(*) as letters_issued,
        count(*) filter (where is_tte) as tte_letters_issued

    from transactions
    where status = 'selesai'
    group by 1, 2

),

requested as (

    select
        kode_kabkota,
        {{ year_of('waktu_permohonan') }}::integer as tahun,
        count(*) as requests,
        count(*) filter (where is_online) as online_requests

    from transactions
    group by 1, 2

),

tte_rollout as (

    select
        villages.kode_kabkota,
        spine.tahun,
        count(*) as tte_target_villages,
        count(*) filter (
            where register.tanggal_live
                <= least(make_date(spine.tahun, 12, 31), as_of.as_of_date)
        ) as tte_live_villages

    from register
    inner join villages on register.kode_wilayah = villages.kode_wilayah
    inner join spine on villages.kode_kabkota = spine.kode_kabkota
    cross join as_of
    where register.program = 'TTE_KELURAHAN' and register.is_target
    group by 1, 2

),

joined as (

    select
        spine.kode_kabkota,
        spine.nama_kabkota,
        spine.tahun,
        coalesce(requested.requests, 0) as requests,
        coalesce(requested.online_requests, 0) as online_requests,
        coalesce(issued.letters_issued, 0) as letters_issued,
        coalesce(issued.tte_letters_issued, 0) as tte_letters_issued,
        {{ safe_divide('issued.tte_letters_issued', 'issued.letters_issued') }} as tte_share,
        {{ safe_divide('requested.online_requests', 'requested.requests') }} as online_share,
        coalesce(processing.requests_open_at_close, 0) as requests_open_at_close,
        processing.processing_with_backlog_working_days_median,
        coalesce(tte_rollout.tte_target_villages, 0) as tte_target_villages,
        coalesce(tte_rollout.tte_live_villages, 0) as tte_live_villages,
        {{ safe_divide('tte_rollout.tte_live_villages', 'tte_rollout.tte_target_villages') }}
            as tte_live_share,
        complaints.complaints,
        {{ safe_divide('complaints.verified_on_time', 'complaints.verification_measured') }}
            as lapor_verified_on_time_rate,
        {{ safe_divide('complaints.followed_up_on_time', 'complaints.follow_up_measured') }}
            as lapor_followed_up_on_time_rate,
        {{ safe_divide('complaints.complaints_selesai', 'complaints.complaints_not_archived') }}
            as lapor_completion_rate,
        coalesce(coverage.service_days_delivered, 0) as service_days_delivered,
        {{ days_between(
            'make_date(spine.tahun, 1, 1)',
            'least(make_date(spine.tahun, 12, 31), as_of.as_of_date)'
        ) }} + 1 as service_days_expected

    from spine
    left join requested
        on spine.kode_kabkota = requested.kode_kabkota and spine.tahun = requested.tahun
    left join issued
        on spine.kode_kabkota = issued.kode_kabkota and spine.tahun = issued.tahun
    left join processing
        on spine.kode_kabkota = processing.kode_kabkota and spine.tahun = processing.tahun
    left join tte_rollout
        on spine.kode_kabkota = tte_rollout.kode_kabkota and spine.tahun = tte_rollout.tahun
    left join complaints
        on spine.kode_kabkota = complaints.kode_kabkota and spine.tahun = complaints.tahun
    left join coverage
        on spine.kode_kabkota = coverage.kode_kabkota and spine.tahun = coverage.tahun
    cross join as_of

),

final as (

    -- service-log indicators need logs on enough of the year's days: a regency that delivered
    -- little has no value there (missing data never ranks well)
    select
        {{ star_except(
            ['tte_share', 'online_share', 'processing_with_backlog_working_days_median'], [], [
            'kode_kabkota', 'nama_kabkota', 'tahun', 'requests', 'online_requests',
            'letters_issued', 'tte_letters_issued', 'tte_share', 'online_share',
            'requests_open_at_close', 'processing_with_backlog_working_days_median',
            'tte_target_villages', 'tte_live_villages',
            'tte_live_share', 'complaints', 'lapor_verified_on_time_rate',
            'lapor_followed_up_on_time_rate', 'lapor_completion_rate',
            'service_days_delivered', 'service_days_expected',
        ]) }},
        service_days_delivered >= {{ var('scorecard_min_day_coverage') }} * service_days_expected
            as is_service_log_complete,
        case when service_days_delivered
            >= {{ var('scorecard_min_day_coverage') }} * service_days_expected
            then tte_share end as tte_share,
        case when service_days_delivered
            >= {{ var('scorecard_min_day_coverage') }} * service_days_expected
            then online_share end as online_share,
        case when service_days_delivered
            >= {{ var('scorecard_min_day_coverage') }} * service_days_expected
            then processing_with_backlog_working_days_median
        end as processing_with_backlog_working_days_median

    from joined

)

select * from final
