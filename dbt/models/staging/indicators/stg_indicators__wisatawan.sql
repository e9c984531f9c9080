with

source as (

    select * from {{ source('indicators', 'indicator_wisatawan') }}

),

renamed as (

    select
        kode_kabkota::varchar as kode_kabkota,
        tahun::integer as tahun,
        bulan::integer as bulan,
        wisnus_perjalanan::bigint as wisnus_perjalanan,
        wisman_kunjungan::bigint as wisman_kunjungan,
        okupansi_hotel_persen::{{ type_double() }} as okupansi_hotel_persen,
        _source_file::varchar as source_file,
        _batch_id::varchar as batch_id,
        _loaded_at::timestamp as loaded_at

    from source

)

select * from renamed
