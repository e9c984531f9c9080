with

villages as (

    select * from {{ ref('int_villages_located') }}

)

select
    kode_wilayah,
    nama_wilayah,
    jenis,
    kode_kecamatan,
    nama_kecamatan,
    kode_kabkota,
    nama_kabkota

from villages
