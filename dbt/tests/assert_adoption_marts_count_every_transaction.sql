-- Letters in the marts = loaded transactions: the adoption marts count every transaction of
-- the fact once (by request month), overall and per status.
with

fact as (

    select
        count(*) as requests,
        count(*) filter (where status = 'selesai') as letters_issued,
        count(*) filter (where status = 'selesai' and is_tte) as tte_letters_issued
    from {{ ref('fct_service_transactions') }}

),

by_kabkota as (

    select
        sum(requests) as requests,
        sum(letters_issued) as letters_issued,
        sum(tte_letters_issued) as tte_letters_issued
    from {{ ref('mart_adoption_kabkota_monthly') }}

),

by_service_channel as (

    select
        sum(requests) as requests,
        sum(letters_issued) as letters_issued,
        sum(tte_letters_issued) as tte_letters_issued
    from {{ ref('mart_adoption_monthly') }}

),

by_year as (

    select sum(requests) as requests
    from {{ ref('mart_governance_kabkota') }}

)

select 'mart_adoption_kabkota_monthly' as mart, by_kabkota.*
from by_kabkota, fact
where (by_kabkota.requests, by_kabkota.letters_issued, by_kabkota.tte_letters_issued)
    is distinct from (fact.requests, fact.letters_issued, fact.tte_letters_issued)
union all
select 'mart_adoption_monthly', by_service_channel.*
from by_service_channel, fact
where (by_service_channel.requests, by_service_channel.letters_issued,
        by_service_channel.tte_letters_issued)
    is distinct from (fact.requests, fact.letters_issued, fact.tte_letters_issued)
union all
select 'mart_governance_kabkota', by_year.requests, null, null
from by_year, fact
where coalesce(by_year.requests, 0) <> fact.requests
