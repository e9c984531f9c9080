with

services as (

    select * from {{ ref('ref_layanan') }}

)

select jenis_layanan, nama_layanan, keterangan
from services
