{#-
    One row per transaction (kode_kabkota, id_transaksi): the latest delivery wins
    (order: _loaded_at desc, delivery_date desc, _row_number desc).

    Incremental (delete+insert on the key). A run only touches "affected" keys:
      - keys in raw rows loaded at or after the fact's newest load (new or re-delivered files),
      - keys whose winning row came from a load batch that is no longer in raw (a delivery file
        that was replaced by a corrected version).
    For each affected key the winner is recomputed over ALL its raw rows, so latest-wins holds
    across days. The post-hook removes keys whose batch vanished and that no longer appear in any
    file. A full refresh computes the same winners over everything.
-#}
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['kode_kabkota', 'id_transaksi'],
        on_schema_change='fail',
        post_hook=[
            "delete from {{ this }} as f where not exists (select 1 from {{ ref('stg_service_logs__transactions') }} as s where s.batch_id = f.batch_id)"
        ],
    )
}}

with

transactions as (

    select * from {{ ref('stg_service_logs__transactions') }}

),

{% if is_incremental() %}

current_fact as (

    select kode_kabkota, id_transaksi, batch_id, loaded_at from {{ this }}

),

watermark as (

    select coalesce(max(loaded_at), timestamp '1900-01-01') as max_loaded_at from current_fact

),

live_batches as (

    select distinct batch_id from transactions

),

affected_keys as (

    select transactions.kode_kabkota, transactions.id_transaksi
    from transactions
    where transactions.loaded_at >= (select max_loaded_at from watermark)

    union

    select current_fact.kode_kabkota, current_fact.id_transaksi
    from current_fact
    {{ anti_join('live_batches', 'current_fact.batch_id = live_batches.batch_id') }}

),

candidates as (

    select transactions.*
    from transactions
    {{ semi_join('affected_keys', 'transactions.kode_kabkota = affected_keys.kode_kabkota
        and transactions.id_transaksi = affected_keys.id_transaksi') }}

),

{% else %}

candidates as (

    select * from transactions

),

{% endif %}

ranked as (

    select
        *,
        count(*) over (partition by kode_kabkota, id_transaksi) as n_deliveries,
        row_number() over (
            partition by kode_kabkota, id_transaksi
            order by loaded_at desc, delivery_date desc, row_number desc
        ) as delivery_rank

    from candidates

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

    from ranked
    where delivery_rank = 1

)

select * from latest
