{#-
    One row per transaction (kode_kabkota, id_transaksi): the latest delivery wins
    (order: _loaded_at desc, delivery_date desc, _row_number desc).

    Incremental (delete+insert on the key). A run only touches "affected" keys:
      - keys in raw rows loaded after the fact's newest load (new or re-delivered files). The
        watermark is fetched first (run_query) and written into the SQL as a literal, so the
        scan of raw prunes row groups by _loaded_at; strict `>`: the last load is not redone;
      - keys whose winning row came from a load batch that the delivery ledger
        (audit.deliveries) marks as replaced by a corrected version since that load.
    For each affected key the winner and n_deliveries are recomputed over ALL its raw rows, so
    latest-wins holds across days. The post-hook removes fact rows whose batch was replaced and
    left raw (a corrected file that no longer carries the transaction). A full refresh computes
    the same winners over everything.

    Latest-wins windows only the keys delivered more than once (a small share of rows): the
    others are their own winner with n_deliveries = 1. `candidates` is read three times, so it
    is NOT MATERIALIZED (materialising it would hold every raw row with every column).
    Known limit: a transaction dropped by a corrected file whose winner came from another file
    keeps its old n_deliveries until a full refresh (the dropped row's key is not in the ledger).
-#}
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['kode_kabkota', 'id_transaksi'],
        on_schema_change='fail',
        post_hook=["{{ delete_facts_of_vanished_batches() }}"],
    )
}}

{%- set watermark = fct_service_transactions_watermark() if is_incremental() else none %}
{%- set columns = [
    'kode_kabkota', 'id_transaksi', 'kode_wilayah', 'jenis_layanan', 'kanal', 'status',
    'is_tte', 'penandatangan', 'delivery_date', 'waktu_permohonan', 'waktu_selesai',
    'row_number', 'source_file', 'batch_id', 'loaded_at',
] %}

with

{% if is_incremental() %}

replaced_batches as (

    -- older versions of the service-log files delivered again since the watermark
    select replaced.batch_id
    from {{ ref('stg_audit__deliveries') }} as replaced
    where replaced.source = 'service_logs'
      and not replaced.is_current
      and replaced.relative_path in (
          select relative_path
          from {{ ref('stg_audit__deliveries') }}
          where source = 'service_logs' and loaded_at > {{ watermark }}
      )

),

affected_keys as (

    select kode_kabkota, id_transaksi
    from {{ ref('stg_service_logs__transactions') }}
    where loaded_at > {{ watermark }}

    union

    select kode_kabkota, id_transaksi
    from {{ this }}
    where batch_id in (select batch_id from replaced_batches)

),

candidates as not materialized (

    select transactions.*
    from {{ ref('stg_service_logs__transactions') }} as transactions
    {{ semi_join('affected_keys', 'transactions.kode_kabkota = affected_keys.kode_kabkota
        and transactions.id_transaksi = affected_keys.id_transaksi') }}

),

{% else %}

candidates as not materialized (

    select * from {{ ref('stg_service_logs__transactions') }}

),

{% endif %}

repeated_keys as (

    select kode_kabkota, id_transaksi, count(*) as n_deliveries
    from candidates
    group by kode_kabkota, id_transaksi
    having count(*) > 1

),

single_deliveries as (

    select
        {%- for column in columns %}
        candidates.{{ column }},
        {%- endfor %}
        cast(1 as bigint) as n_deliveries
    from candidates
    {{ anti_join('repeated_keys', 'candidates.kode_kabkota = repeated_keys.kode_kabkota
        and candidates.id_transaksi = repeated_keys.id_transaksi') }}

),

repeated_deliveries as (

    select
        {%- for column in columns %}
        candidates.{{ column }},
        {%- endfor %}
        repeated_keys.n_deliveries,
        row_number() over (
            partition by candidates.kode_kabkota, candidates.id_transaksi
            order by candidates.loaded_at desc, candidates.delivery_date desc,
                candidates.row_number desc
        ) as delivery_rank

    from candidates
    inner join repeated_keys
        on candidates.kode_kabkota = repeated_keys.kode_kabkota
        and candidates.id_transaksi = repeated_keys.id_transaksi

),

winners as (

    select * from single_deliveries

    union all

    select {{ columns | join(', ') }}, n_deliveries
    from repeated_deliveries
    where delivery_rank = 1

),

latest as (

    select
        kode_kabkota || ':' || id_transaksi as transaksi_key,
        kode_kabkota,
        id_transaksi,
        kode_wilayah,
        jenis_layanan,
        kanal,
        kanal in ('web', 'mobile') as is_online,
        status,
        is_tte,
        penandatangan,
        waktu_permohonan,
        waktu_selesai,
        waktu_permohonan::date as tanggal_permohonan,
        waktu_selesai::date as tanggal_selesai,
        case
            when status = 'selesai' and waktu_selesai is not null
                then {{ seconds_between('waktu_permohonan', 'waktu_selesai') }} / 3600.0
        end as processing_hours,
        delivery_date,
        n_deliveries,
        source_file,
        batch_id,
        row_number,
        loaded_at

    from winners

)

select * from latest
