-- The provinces' service transactions (one row each), exported one file a month.
select
    cast(kode_provinsi as string) as kode_provinsi,
    cast(bulan as date) as bulan,
    cast(kode_kabkota as string) as kode_kabkota,
    cast(status as string) as status,
    cast(is_tte as boolean) as is_tte,
    cast(is_online as boolean) as is_online
from {{ lake_table('fct_service_transactions') }} as exported
