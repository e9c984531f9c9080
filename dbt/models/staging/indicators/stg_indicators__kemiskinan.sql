with

source as (

    select * from {{ source('indicators', 'indicator_kemiskinan') }}

),

renamed as (

    select
        kode_kabkota::varchar as kode_kabkota,
        tahun::integer as tahun,
        persen_penduduk_miskin::{{ type_double() }} as persen_penduduk_miskin,
        tpt_persen::{{ type_double() }} as tpt_persen,
        _source_file::varchar as source_file,
        _batch_id::varchar as batch_id,
        _loaded_at::timestamp as loaded_at

    from source

)

select * from renamed
