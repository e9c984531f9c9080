-- "Penerimaan data": one row per delivered file (export channel, every version), what loaded and
-- why rows or the whole file were quarantined, in Bahasa Indonesia; the receipt's path under
-- the platform home (smartprov/notify/receipts.py writes the receipt itself).
with

deliveries as (

    select * from {{ ref('stg_audit__deliveries') }}

),

quarantine_rows as (

    select * from {{ ref('stg_audit__quarantine_rows') }}

),

quarantine_files as (

    select * from {{ ref('stg_audit__quarantine_files') }}

),

reasons as (

    select * from {{ ref('stg_audit__reason_catalogue') }}

),

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

row_reason_counts as (

    select
        quarantine_rows.batch_id,
        coalesce(reasons.reason_label, quarantine_rows.reason_code) as reason_label,
        count(*) as n_rows

    from quarantine_rows
    left join reasons on quarantine_rows.reason_code = reasons.reason_code
    group by 1, 2

),

row_reasons as (

    select
        batch_id,
        string_agg(reason_label || ': ' || n_rows || ' baris', '; '
            order by n_rows desc, reason_label) as row_reasons

    from row_reason_counts
    group by 1

),

final as (

    select
        deliveries.batch_id,
        deliveries.kode_kabkota,
        regencies.nama_kabkota,
        deliveries.source,
        deliveries.relative_path,
        deliveries.delivery_date,
        deliveries.loaded_at,
        deliveries.is_current,
        deliveries.rows_delivered,
        deliveries.rows_loaded,
        deliveries.rows_quarantined,
        deliveries.is_file_quarantined,
        case
            when deliveries.is_file_quarantined then 'ditolak'
            when deliveries.rows_quarantined > 0 then 'diterima_sebagian'
            else 'diterima'
        end as receipt_status,
        case
            when deliveries.is_file_quarantined then 'Ditolak seluruhnya'
            when deliveries.rows_quarantined > 0 then 'Diterima sebagian'
            else 'Diterima seluruhnya'
        end as status_penerimaan,
        quarantine_files.reason_code as file_reason_code,
        coalesce(file_reasons.reason_label, quarantine_files.reason_code) as file_reason,
        row_reasons.row_reasons,
        'receipts/' || coalesce(deliveries.kode_kabkota, 'provinsi') || '/'
            || coalesce(cast(deliveries.delivery_date as varchar), 'tanpa-tanggal') || '_'
            || left(deliveries.batch_id, 8) || '.html' as receipt_path

    from deliveries
    left join regencies on deliveries.kode_kabkota = regencies.kode_kabkota
    left join quarantine_files on deliveries.batch_id = quarantine_files.batch_id
    left join reasons as file_reasons on quarantine_files.reason_code = file_reasons.reason_code
    left join row_reasons on deliveries.batch_id = row_reasons.batch_id
    where deliveries.channel = 'export'

)

select * from final
