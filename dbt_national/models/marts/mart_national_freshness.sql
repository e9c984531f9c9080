-- Every province of Indonesia (all 38) and its data freshness: a province that has not exported,
-- or whose data date is behind the national date, is shown as such, never left out.
with

provinces as (select * from {{ ref('national_provinces') }}),

exports as (select * from {{ ref('stg_lake__exports') }}),

national as (select {{ national_date(ref('stg_lake__exports')) }} as national_date),

final as (

    select
        provinces.kode_provinsi,
        provinces.nama_provinsi,
        exports.kode_provinsi is not null as has_export,
        exports.as_of_date,
        exports.published_at,
        exports.exported_at,
        exports.serving_contract,
        national.national_date,
        {{ days_between('exports.as_of_date', 'national.national_date') }} as days_behind,
        case
            when exports.kode_provinsi is null then 'belum mengirim'
            when {{ days_between('exports.as_of_date', 'national.national_date') }}
                > {{ var('late_after_days') }} then 'terlambat'
            else 'tepat waktu'
        end as status_data

    from provinces
    cross join national
    left join exports on provinces.kode_provinsi = exports.kode_provinsi

)

select * from final
