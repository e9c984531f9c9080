-- Every complaint delivered is in fct_lapor_complaints once, every version in the status
-- history, and the combined regency mart's SP4N-LAPOR! count (complaints_lapor, jenis
-- pengaduan only, lapor-v1 v1.1) is every pengaduan of the channel that has a regency.
with

raw_counts as (

    select count(distinct tracking_id) as complaints, count(*) as versions
    from {{ source('lapor', 'lapor_complaints') }}

),

fact_counts as (

    select
        (select count(*) from {{ ref('fct_lapor_complaints') }}) as complaints,
        (select count(*) from {{ ref('fct_lapor_status_history') }}) as versions,
        (
            select count(*) from {{ ref('fct_lapor_complaints') }}
            where kode_kabkota is not null and jenis = 'pengaduan'
        ) as complaints_with_kabkota

),

mart_counts as (

    select sum(complaints_lapor) as complaints
    from {{ ref('mart_lapor_sla_kabkota') }}

)

select
    raw_counts.*,
    fact_counts.*,
    mart_counts.complaints as mart_complaints
from raw_counts, fact_counts, mart_counts
where raw_counts.complaints <> fact_counts.complaints
    or raw_counts.versions <> fact_counts.versions
    or fact_counts.complaints_with_kabkota <> mart_counts.complaints
