-- The provinces' mart_scorecard_kabkota (serving-v1.1): scores against fixed bounds per
-- indicator, so they compare across provinces; `rank` is the province's own ranking.
select
    cast(kode_provinsi as string) as kode_provinsi,
    cast(kode_kabkota as string) as kode_kabkota,
    cast(nama_kabkota as string) as nama_kabkota,
    cast(tahun as int) as tahun,
    cast(dimension as string) as dimension,
    cast(indicator_code as string) as indicator_code,
    cast(direction as string) as direction,
    cast(value as double) as value,
    cast(score as double) as score,
    cast(rank as bigint) as rank_provinsi,
    cast(period_status as string) as period_status,
    cast(unranked_reason as string) as unranked_reason
from {{ lake_table('mart_scorecard_kabkota') }} as exported
