-- The provinces' mart_rollout_kabkota (serving-v1): regency/city x programme.
select
    cast(kode_provinsi as string) as kode_provinsi,
    cast(kode_kabkota as string) as kode_kabkota,
    cast(nama_kabkota as string) as nama_kabkota,
    cast(program as string) as program,
    cast(target_villages as bigint) as target_villages,
    cast(live_villages as bigint) as live_villages,
    cast(active_villages_30d as bigint) as active_villages_30d,
    cast(letters_30d as bigint) as letters_30d,
    cast(tte_letters_30d as bigint) as tte_letters_30d,
    cast(as_of_date as date) as as_of_date
from {{ lake_table('mart_rollout_kabkota') }} as exported
