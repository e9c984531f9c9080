-- Service-log delivery status per regency/city (all of them) against the data date: a regency that
-- stops delivering shows as `stale` here (source freshness only sees the newest load overall).
-- The one definition of delivery status: `smartprov status` and the monitoring DAG read it.
with

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

deliveries as (

    select * from {{ ref('stg_audit__deliveries') }}

),

transactions as (

    select * from {{ ref('fct_service_transactions') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

transactions_loaded as (

    -- ids are unique only within a regency/city (service-log-v1). The fact holds each
    -- (kode_kabkota, id_transaksi) of raw exactly once (the reconciliation test
    -- assert_service_transactions_reconcile_with_raw), so its rows are the distinct
    -- transactions: a count instead of a distinct over every raw row (5.8 s a day at 20 M rows)
    select
        kode_kabkota,
        count(*) as transactions

    from transactions
    group by 1

),

service_deliveries as (

    select
        kode_kabkota,
        max(delivery_date) as last_delivery_date,
        max(loaded_at) as last_loaded_at,
        count(distinct delivery_date) as days_delivered,
        count(distinct delivery_date) filter (
            where delivery_date > (select as_of_date from as_of) - {{ var('active_window_days') }}
        ) as days_delivered_30d,
        max(delivery_date) filter (
            where is_current and not is_file_quarantined
        ) as last_usable_delivery_date,
        count(*) filter (where is_file_quarantined and is_current) as files_quarantined,
        sum(rows_quarantined) filter (where is_current) as rows_quarantined,
        sum(rows_loaded) filter (where is_current) as rows_loaded

    from deliveries
    where source = 'service_logs'
    group by 1

),

last_delivery_reasons as (

    -- why the files of the latest delivery day were quarantined (null when none was)
    select
        deliveries.kode_kabkota,
        max(deliveries.file_reason) as last_delivery_reason

    from deliveries
    inner join service_deliveries
        on deliveries.kode_kabkota = service_deliveries.kode_kabkota
        and deliveries.delivery_date = service_deliveries.last_delivery_date
    where deliveries.source = 'service_logs' and deliveries.is_current
    group by 1

),

final as (

    select
        regencies.kode_kabkota,
        regencies.nama_kabkota,
        service_deliveries.last_delivery_date,
        service_deliveries.last_usable_delivery_date,
        last_delivery_reasons.last_delivery_reason,
        service_deliveries.last_loaded_at,
        {{ days_between('service_deliveries.last_delivery_date', 'as_of.as_of_date') }}
            as days_behind,
        coalesce(service_deliveries.days_delivered, 0) as days_delivered,
        coalesce(service_deliveries.days_delivered_30d, 0) as days_delivered_30d,
        coalesce(service_deliveries.files_quarantined, 0) as files_quarantined,
        coalesce(service_deliveries.rows_quarantined, 0) as rows_quarantined,
        coalesce(service_deliveries.rows_loaded, 0) as rows_loaded,
        coalesce(transactions_loaded.transactions, 0) as transactions,
        case
            when service_deliveries.last_delivery_date is null then 'never'
            when service_deliveries.last_delivery_date >= as_of.as_of_date then 'current'
            when {{ days_between('service_deliveries.last_delivery_date', 'as_of.as_of_date') }}
                <= {{ var('delivery_stale_after_days') }} then 'late'
            else 'stale'
        end as delivery_status,
        as_of.as_of_date

    from regencies
    cross join as_of
    left join service_deliveries on regencies.kode_kabkota = service_deliveries.kode_kabkota
    left join last_delivery_reasons
        on regencies.kode_kabkota = last_delivery_reasons.kode_kabkota
    left join transactions_loaded on regencies.kode_kabkota = transactions_loaded.kode_kabkota

)

select * from final
