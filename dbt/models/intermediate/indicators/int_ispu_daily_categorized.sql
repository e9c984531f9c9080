-- One row per station and day (the latest delivery wins) with the ISPU category of
-- Permen LHK P.14/2020: 1-50 baik, 51-100 sedang, 101-200 tidak sehat, 201-300 sangat tidak
-- sehat, >= 301 berbahaya (indicators-v1).
with

ispu as (

    {{ first_row_per(ref('stg_indicators__ispu'), 'id_stasiun, tanggal', 'loaded_at desc') }}

),

categorized as (

    select
        id_stasiun,
        kode_kabkota,
        tanggal,
        pm25,
        ispu,
        case
            when ispu is null then null
            when ispu <= 50 then 'baik'
            when ispu <= 100 then 'sedang'
            when ispu <= 200 then 'tidak sehat'
            when ispu <= 300 then 'sangat tidak sehat'
            else 'berbahaya'
        end as kategori_ispu

    from ispu

)

select * from categorized
