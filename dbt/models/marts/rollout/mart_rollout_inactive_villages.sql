-- The chase list: villages declared live on a programme that were not active in the last 30
-- days, oldest go-live first, for Diskominfo to follow up. A village whose regency/city
-- delivered no accepted service-log file in the window is marked "kab/kota belum mengirim data":
-- its inactivity is unknown, not shown.
with

villages as (

    select * from {{ ref('mart_rollout_village') }}

),

deliveries as (

    select * from {{ ref('stg_audit__deliveries') }}

),

delivered as (

    select distinct deliveries.kode_kabkota
    from deliveries
    cross join (select max(as_of_date) as as_of_date from villages) as as_of
    where deliveries.source = 'service_logs'
        and deliveries.is_current
        and not deliveries.is_file_quarantined
        and deliveries.delivery_date
            between as_of.as_of_date - ({{ var('active_window_days') }} - 1)
            and as_of.as_of_date

),

final as (

    select
        villages.kode_wilayah,
        villages.nama_wilayah,
        villages.jenis,
        villages.nama_kecamatan,
        villages.kode_kabkota,
        villages.nama_kabkota,
        villages.program,
        villages.nama_program,
        villages.tanggal_live,
        {{ days_between('villages.tanggal_live', 'villages.as_of_date') }} as days_since_live,
        villages.last_activity_date,
        villages.letters_30d,
        villages.tte_letters_30d,
        delivered.kode_kabkota is not null as is_regency_delivering_30d,
        case
            when delivered.kode_kabkota is null then 'kab/kota belum mengirim data'
            else 'tidak aktif'
        end as keterangan,
        villages.as_of_date

    from villages
    left join delivered on villages.kode_kabkota = delivered.kode_kabkota
    where villages.is_live_inactive_30d

)

select * from final
order by kode_kabkota, program, tanggal_live, kode_wilayah
