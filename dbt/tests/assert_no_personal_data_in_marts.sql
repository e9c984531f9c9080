-- Analyst-facing schema `marts` carries no reporter identity and no complaint text.
select table_name, column_name
from information_schema.columns
where table_schema = 'marts'
    and (
        column_name in ('pelapor_key', 'isi_laporan')
        or column_name like 'pelapor%'
    )
