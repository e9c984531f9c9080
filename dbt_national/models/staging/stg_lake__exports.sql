-- One row per province partition in the snapshot: what it exported and when.
select
    cast(kode_provinsi as string) as kode_provinsi,
    cast(nama_provinsi as string) as nama_provinsi,
    cast(as_of_date as date) as as_of_date,
    cast(published_at as {{ type_timestamp() }}) as published_at,
    cast(exported_at as {{ type_timestamp() }}) as exported_at,
    cast(serving_contract as string) as serving_contract
from {{ lake_table('export_info') }} as exported
