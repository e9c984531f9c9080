-- Every status change of every complaint, in order (no reporter identity, no text).
with

versions as (

    select * from {{ ref('stg_lapor__complaint_versions') }}

),

ordered as (

    select
        tracking_id,
        status,
        updated_at,
        kode_kabkota,
        kategori,
        instansi_tujuan,
        delivery_channel,
        row_number() over (
            partition by tracking_id order by updated_at, loaded_at, row_number
        ) as version_number,
        lag(status) over (
            partition by tracking_id order by updated_at, loaded_at, row_number
        ) as previous_status,
        lag(updated_at) over (
            partition by tracking_id order by updated_at, loaded_at, row_number
        ) as previous_updated_at

    from versions

)

select
    *,
    version_number = max(version_number) over (partition by tracking_id) as is_latest

from ordered
