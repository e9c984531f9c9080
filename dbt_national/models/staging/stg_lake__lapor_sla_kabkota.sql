-- The provinces' mart_lapor_sla_kabkota (serving-v1.1): the counts behind each rate, so that
-- province and national rates are sums of counts, never averages of rates.
select
    cast(kode_provinsi as string) as kode_provinsi,
    cast(kode_kabkota as string) as kode_kabkota,
    cast(complaints as bigint) as complaints,
    cast(complaints_12m as bigint) as complaints_12m,
    cast(complaints_not_archived as bigint) as complaints_not_archived,
    cast(complaints_selesai as bigint) as complaints_selesai,
    cast(verification_measured as bigint) as verification_measured,
    cast(verified_on_time as bigint) as verified_on_time,
    cast(follow_up_measured as bigint) as follow_up_measured,
    cast(followed_up_on_time as bigint) as followed_up_on_time,
    cast(jumlah_penduduk as bigint) as jumlah_penduduk,
    cast(as_of_date as date) as as_of_date
from {{ lake_table('mart_lapor_sla_kabkota') }} as exported
