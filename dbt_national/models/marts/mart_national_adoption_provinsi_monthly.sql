-- Electronic-service adoption per province and month of request, from the exported
-- transactions: letters issued, with TTE, and the TTE share (Σ/Σ).
with

transactions as (select * from {{ ref('stg_lake__service_transactions') }}),

final as (

    select
        kode_provinsi,
        bulan,
        count(*) as requests,
        {{ count_if("status = 'selesai'") }} as letters_issued,
        {{ count_if("status = 'selesai' and is_tte") }} as tte_letters_issued,
        {{ count_if("is_online") }} as online_requests,
        {{ ratio(count_if("status = 'selesai' and is_tte"), count_if("status = 'selesai'")) }}
            as tte_share

    from transactions
    group by kode_provinsi, bulan

)

select * from final
