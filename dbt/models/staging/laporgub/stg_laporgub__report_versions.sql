-- pelapor_key is deliberately not selected: no model needs it and personal data must not reach
-- analyst-facing tables (the report text is not even stored in raw).
with

source as (

    select * from {{ source('laporgub', 'laporgub_reports') }}

),

renamed as (

    select
        -- ids
        no_tiket::varchar as no_tiket,
        nullif(trim(rujukan_lapor), '')::varchar as rujukan_lapor,
        nullif(trim(kode_kabkota), '')::varchar as kode_kabkota,

        -- dimensions
        kanal::varchar as kanal,
        coalesce(jenis, 'pengaduan')::varchar as jenis,
        kategori::varchar as kategori,
        opd_tujuan::varchar as opd_tujuan,
        status::varchar as status,

        -- timestamps (WIB)
        tanggal_masuk::timestamp as tanggal_masuk,
        tanggal_verifikasi::timestamp as tanggal_verifikasi,
        tanggal_respon::timestamp as tanggal_respon,
        tanggal_selesai::timestamp as tanggal_selesai,
        diperbarui_pada::timestamp as diperbarui_pada,

        -- lineage
        _row_number::integer as row_number,
        _source_file::varchar as source_file,
        _batch_id::varchar as batch_id,
        _loaded_at::timestamp as loaded_at

    from source

)

select * from renamed
