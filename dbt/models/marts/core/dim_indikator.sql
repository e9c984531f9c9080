with

indicators as (

    select * from {{ ref('ref_indikator') }}

)

select
    indicator_code,
    nama_indikator,
    dimension,
    unit,
    direction,
    formula,
    source,
    framework

from indicators
