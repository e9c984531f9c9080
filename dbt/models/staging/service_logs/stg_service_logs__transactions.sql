with

source as (

    select * from {{ source('service_logs', 'service_logs') }}

),

renamed as (

    select
        -- ids
        kode_kabkota::varchar as kode_kabkota,
        id_transaksi::varchar as id_transaksi,
        kode_wilayah::varchar as kode_wilayah,

        -- dimensions
        jenis_layanan::varchar as jenis_layanan,
        kanal::varchar as kanal,
        status::varchar as status,
        tte::boolean as is_tte,
        penandatangan::varchar as penandatangan,
        delivery_date::date as delivery_date,

        -- timestamps (WIB, no offset)
        waktu_permohonan::timestamp as waktu_permohonan,
        waktu_selesai::timestamp as waktu_selesai,

        -- lineage
        _row_number::integer as row_number,
        _source_file::varchar as source_file,
        _file_hash::varchar as file_hash,
        _batch_id::varchar as batch_id,
        _loaded_at::timestamp as loaded_at

    from source

)

select * from renamed
