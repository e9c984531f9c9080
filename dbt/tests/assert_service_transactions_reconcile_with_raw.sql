-- Nothing silently dropped or invented between raw.service_logs and the fact: every distinct
-- (kode_kabkota, id_transaksi) delivered is in fct_service_transactions exactly once, and the
-- fact holds nothing that raw does not. On a daily build (test_slice = recent) for the keys
-- loaded recently (both ways within them); in full on a full refresh.
{%- set recent = test_slice_is_recent() %}
with
{% if recent %}
recent_keys as (
{{ recent_service_keys() }}
),
{% endif %}

raw_keys as (

    {% if recent -%}
    select kode_kabkota, id_transaksi from recent_keys
    {%- else -%}
    select distinct kode_kabkota, id_transaksi
    from {{ source('service_logs', 'service_logs') }}
    {%- endif %}

),

fact_keys as (

    select kode_kabkota, id_transaksi
    from {{ ref('fct_service_transactions') }} as fact
    {% if recent -%}
    {{ semi_join('recent_keys', 'fact.kode_kabkota = recent_keys.kode_kabkota
        and fact.id_transaksi = recent_keys.id_transaksi') }}
    {%- endif %}

),

missing_from_fact as (

    select 'missing_from_fact' as problem, * from raw_keys
    except
    select 'missing_from_fact', * from fact_keys

),

not_in_raw as (

    select 'not_in_raw' as problem, * from fact_keys
    except
    select 'not_in_raw', * from raw_keys

)

select * from missing_from_fact
union all
select * from not_in_raw
