-- One current row per complaint: the version with the latest updated_at (ties: the later
-- lifecycle status, then the later load).
with

versions as (

    select * from {{ ref('stg_lapor__complaint_versions') }}

),

ranked as (

    select
        *,
        count(*) over (partition by tracking_id) as n_versions,
        row_number() over (
            partition by tracking_id
            order by
                updated_at desc,
                case status
                    when 'diarsipkan' then 6
                    when 'selesai' then 5
                    when 'ditindaklanjuti' then 4
                    when 'didisposisikan' then 3
                    when 'terverifikasi' then 2
                    else 1
                end desc,
                loaded_at desc,
                row_number desc
        ) as version_rank

    from versions

)

select {{ star_except(['version_rank'], [ref('stg_lapor__complaint_versions')], ['n_versions']) }}
from ranked
where version_rank = 1
