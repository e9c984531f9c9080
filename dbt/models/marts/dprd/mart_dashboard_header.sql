-- What every dashboard's header line says (serving-v1): the data date in Indonesian
-- ("Data per 28 November 2026") and, per regency/city, whether its service-log deliveries are
-- behind that date. One row per regency/city, so row-level security keeps a regency user's
-- header to its own row; the header chart aggregates the rows the reader may see.
with

delivery as (

    select * from {{ ref('mart_delivery_status_kabkota') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

final as (

    select
        delivery.kode_kabkota,
        delivery.nama_kabkota,
        as_of.as_of_date,
        'Data per ' || {{ indonesian_date('as_of.as_of_date') }} as data_per,
        delivery.delivery_status,
        delivery.last_delivery_date,
        coalesce(delivery.delivery_status <> 'current', true) as is_behind,
        delivery.nama_kabkota || ': ' || case
            when delivery.last_delivery_date is null then 'belum pernah mengirim data'
            else 'data terakhir ' || {{ indonesian_date('delivery.last_delivery_date') }}
        end as keterangan

    from delivery
    cross join as_of

)

select * from final
