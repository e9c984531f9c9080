-- The row kept for each transaction is its latest delivery (latest load, then delivery day,
-- then row), recomputed here from raw independently of the incremental logic.
with

ranked as (

    select
        kode_kabkota,
        id_transaksi,
        _batch_id as batch_id,
        _row_number as row_number,
        row_number() over (
            partition by kode_kabkota, id_transaksi
            order by _loaded_at desc, delivery_date desc, _row_number desc
        ) as delivery_rank

    from {{ source('service_logs', 'service_logs') }}

),

expected as (

    select kode_kabkota, id_transaksi, batch_id, row_number
    from ranked
    where delivery_rank = 1

),

actual as (

    select kode_kabkota, id_transaksi, batch_id, row_number
    from {{ ref('fct_service_transactions') }}

)

(select * from expected except select * from actual)
union all
(select * from actual except select * from expected)
