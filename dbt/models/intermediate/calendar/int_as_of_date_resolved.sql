-- The data date (serving-v1): the latest day for which service logs were delivered. Falls back
-- to the delivery ledger (a day whose rows were all quarantined was still delivered), counting
-- only current, accepted files: a file quarantined whole (misnamed, future-dated, unreadable)
-- never moves the data date (service-log-v1).
with

transactions as (

    select * from {{ ref('stg_service_logs__transactions') }}

),

deliveries as (

    select * from {{ ref('stg_audit__deliveries') }}

),

from_rows as (

    select max(delivery_date) as max_delivery_date from transactions

),

from_ledger as (

    select max(delivery_date) as max_delivery_date
    from deliveries
    where source = 'service_logs'
        and is_current
        and not is_file_quarantined

),

resolved as (

    select
        coalesce(
            greatest(from_rows.max_delivery_date, from_ledger.max_delivery_date),
            from_rows.max_delivery_date,
            from_ledger.max_delivery_date
        ) as as_of_date

    from from_rows
    cross join from_ledger

)

select * from resolved
