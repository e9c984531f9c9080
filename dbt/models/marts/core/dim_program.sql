with

programmes as (

    select * from {{ ref('ref_program') }}

)

select program, nama_program, keterangan, activity_measure
from programmes
