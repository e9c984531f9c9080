-- Nothing silently dropped or invented between raw.service_logs and the fact: every distinct
-- (kode_kabkota, id_transaksi) delivered is in fct_service_transactions exactly once, and the
-- fact holds nothing that raw does not.
with

raw_keys as (

    select distinct kode_kabkota, id_transaksi
    from {{ source('service_logs', 'service_logs') }}

),

fact_keys as (

    select kode_kabkota, id_transaksi
    from {{ ref('fct_service_transactions') }}

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
