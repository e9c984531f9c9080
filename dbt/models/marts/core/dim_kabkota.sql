with

regencies as (

    select * from {{ ref('stg_wilayah__regencies') }}

),

villages as (

    select * from {{ ref('int_villages_located') }}

),

village_counts as (

    select
        kode_kabkota,
        count(distinct kode_kecamatan) as kecamatan_count,
        count(*) as village_count,
        count(*) filter (where jenis = 'kelurahan') as kelurahan_count,
        count(*) filter (where jenis = 'desa') as desa_count

    from villages
    group by 1

)

select
    regencies.kode_kabkota,
    regencies.nama_kabkota,
    case when substr(regencies.kode_kabkota, 4, 2)::integer >= 71 then 'kota' else 'kabupaten' end
        as jenis_kabkota,
    village_counts.kecamatan_count,
    village_counts.village_count,
    village_counts.kelurahan_count,
    village_counts.desa_count

from regencies
left join village_counts on regencies.kode_kabkota = village_counts.kode_kabkota
