-- Every scored indicator's bounds point in its direction: target above floor when higher is
-- better, below when lower is better (a reversed pair would score the best regency 0).
select indicator_code, direction, bound_floor, bound_target
from {{ ref('ref_indikator') }}
where weight > 0
    and (
        bound_floor is null
        or bound_target is null
        or (direction = 'higher_is_better' and bound_target <= bound_floor)
        or (direction = 'lower_is_better' and bound_target >= bound_floor)
    )
