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
    weight,
    weight > 0 as is_scored,
    bound_floor,
    bound_target,
    bound_basis,
    formula,
    source,
    framework,
    citation

from indicators
