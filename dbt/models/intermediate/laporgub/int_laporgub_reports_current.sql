-- One current row per ticket: the version with the latest diperbarui_pada (ties: the later
-- lifecycle status, then the later load).
with

versions as (

    select * from {{ ref('stg_laporgub__report_versions') }}

),

ranked as (

    select
        *,
        count(*) over (partition by no_tiket) as n_versions,
        row_number() over (
            partition by no_tiket
            order by
                diperbarui_pada desc,
                case status
                    when 'tidak_layak' then 5
                    when 'selesai' then 5
                    when 'proses' then 3
                    when 'diverifikasi' then 2
                    else 1
                end desc,
                loaded_at desc,
                row_number desc
        ) as version_rank

    from versions

)

select {{ star_except(['version_rank'], [ref('stg_laporgub__report_versions')], ['n_versions']) }}
from ranked
where version_rank = 1
