{#- The daily build tests the recent slice, the full refresh everything (smartprov/transform.py
    passes `--vars {test_slice: recent}` on a daily incremental build).

    recent_service_keys(): a CTE body with the (kode_kabkota, id_transaksi) of raw service-log
    rows loaded in the last `test_slice_days` days before the newest load: the keys a daily run
    can have touched. Tests that recompute latest-wins over all of raw restrict both sides to it
    when the slice is recent. -#}
{% macro test_slice_is_recent() -%}
    {{ return(var('test_slice', 'full') == 'recent') }}
{%- endmacro %}

{% macro recent_service_keys() %}
    select distinct kode_kabkota, id_transaksi
    from {{ source('service_logs', 'service_logs') }}
    where _loaded_at >= (select max(_loaded_at) from {{ source('service_logs', 'service_logs') }})
        - {{ interval(var('test_slice_days', 7), 'day') }}
{% endmacro %}
