-- The 30-day letter counts of the rollout marts equal the fact's issued letters in the window.
with

as_of as (

    select as_of_date from {{ ref('int_as_of_date_resolved') }}

),

fact as (

    select
        count(*) as letters_30d,
        count(*) filter (where is_tte) as tte_letters_30d
    from {{ ref('fct_service_transactions') }}, as_of
    where status = 'selesai'
        and tanggal_selesai between as_of.as_of_date - ({{ var('active_window_days') }} - 1)
        and as_of.as_of_date

),

marts as (

    select program, sum(letters_30d) as letters_30d, sum(tte_letters_30d) as tte_letters_30d
    from {{ ref('mart_rollout_kabkota') }}
    group by 1

)

select marts.*
from marts, fact
where marts.letters_30d <> fact.letters_30d or marts.tte_letters_30d <> fact.tte_letters_30d
