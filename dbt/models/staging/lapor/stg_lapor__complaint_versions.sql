-- pelapor_key and isi_laporan are deliberately not selected: no model needs them and personal
-- data must not reach analyst-facing tables.
with

source as (

    select * from {{ source('lapor', 'lapor_complaints') }}

),

renamed as (

    select
        -- ids
        tracking_id::varchar as tracking_id,
        nullif(trim(kode_kabkota), '')::varchar as kode_kabkota,

        -- dimensions
        kanal::varchar as kanal,
        -- lapor-v1 (v1.1): a record without jenis is a pengaduan (the API's default)
        coalesce(nullif(trim(jenis), ''), 'pengaduan')::varchar as jenis,
        kategori::varchar as kategori,
        instansi_tujuan::varchar as instansi_tujuan,
        status::varchar as status,
        rahasia::boolean as is_rahasia,
        anonim::boolean as is_anonim,
        _channel::varchar as delivery_channel,

        -- timestamps (WIB)
        tanggal_lapor::timestamp as tanggal_lapor,
        tanggal_verifikasi::timestamp as tanggal_verifikasi,
        tanggal_disposisi::timestamp as tanggal_disposisi,
        tanggal_tindak_lanjut::timestamp as tanggal_tindak_lanjut,
        tanggal_selesai::timestamp as tanggal_selesai,
        updated_at::timestamp as updated_at,

        -- lineage
        _row_number::integer as row_number,
        _source_file::varchar as source_file,
        _batch_id::varchar as batch_id,
        _loaded_at::timestamp as loaded_at

    from source

)

select * from renamed
