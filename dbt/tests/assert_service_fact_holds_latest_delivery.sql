-- The row kept for each transaction is its latest delivery (latest load, then delivery day,
-- then row), recomputed here from raw independently of the incremental logic. On a daily
-- build (test_slice = recent) only for the keys loaded recently; in full on a full refresh.
{%- set recent = test_slice_is_recent() %}
with
{% if recent %}
recent_keys as (
{{ recent_service_keys() }}
),
{% endif %}

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

    from {{ source('service_logs', 'service_logs') }} as raw_rows
    {% if recent -%}
    {{ semi_join('recent_keys', 'raw_rows.kode_kabkota = recent_keys.kode_kabkota
        and raw_rows.id_transaksi = recent_keys.id_transaksi') }}
    {%- endif %}

),

expected as (

    select kode_kabkota, id_transaksi, batch_id, row_number
    from ranked
    where delivery_rank = 1

),

actual as (

    select kode_kabkota, id_transaksi, batch_id, row_number
    from {{ ref('fct_service_transactions') }} as fact
    {% if recent -%}
    {{ semi_join('recent_keys', 'fact.kode_kabkota = recent_keys.kode_kabkota
        and fact.id_transaksi = recent_keys.id_transaksi') }}
    {%- endif %}

)

(select * from expected except select * from actual)
union all
(select * from actual except select * from expected)
