-- Service levels per complaint (lapor-v1), in working days as of the data date.
-- The first step (3 working days) is verification AND forwarding to the agency: it ends at
-- tanggal_disposisi (or at tanggal_verifikasi for a complaint archived without forwarding).
-- A step is due once its limit has passed as of the data date; compliance counts an overdue
-- step of an open complaint as late, not as missing. A complaint followed up with no reporter
-- reply (no later change) for 10 working days counts as closed: it is not open any more.
with

complaints as (

    select * from {{ ref('int_lapor_complaints_current') }}

),

calendar as (

    select * from {{ ref('int_calendar_days_enumerated') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

indexed as (

    select
        complaints.*,
        as_of.as_of_date,
        complaints.status not in ('selesai', 'diarsipkan') as is_status_open,
        coalesce(
            complaints.tanggal_disposisi,
            case when complaints.status = 'diarsipkan' then complaints.tanggal_verifikasi end
        ) as tanggal_diteruskan,
        lapor_day.working_day_index as lapor_wdi,
        forward_day.working_day_index as diteruskan_wdi,
        disp_day.working_day_index as disposisi_wdi,
        tl_day.working_day_index as tindak_lanjut_wdi,
        as_of_day.working_day_index as as_of_wdi

    from complaints
    cross join as_of
    left join calendar as lapor_day on lapor_day.tanggal = complaints.tanggal_lapor::date
    left join calendar as forward_day on forward_day.tanggal = coalesce(
        complaints.tanggal_disposisi,
        case when complaints.status = 'diarsipkan' then complaints.tanggal_verifikasi end
    )::date
    left join calendar as disp_day on disp_day.tanggal = complaints.tanggal_disposisi::date
    left join calendar as tl_day on tl_day.tanggal = complaints.tanggal_tindak_lanjut::date
    left join calendar as as_of_day on as_of_day.tanggal = as_of.as_of_date

),

closing as (

    select
        *,
        coalesce(
            status = 'ditindaklanjuti'
            and as_of_wdi - tindak_lanjut_wdi >= {{ var('sla_auto_close_days') }},
            false
        ) as is_auto_closed

    from indexed

),

measured as (

    select
        *,
        is_status_open and not is_auto_closed as is_open,
        diteruskan_wdi - lapor_wdi as verification_working_days,
        tindak_lanjut_wdi - disposisi_wdi as follow_up_working_days,
        as_of_wdi - lapor_wdi as age_working_days,

        tanggal_diteruskan is not null as is_verification_done,
        tanggal_diteruskan is null and is_status_open
            and as_of_wdi - lapor_wdi > {{ var('sla_verification_days') }}
            as is_verification_overdue,

        tanggal_disposisi is not null as is_follow_up_started,
        tanggal_tindak_lanjut is not null and tanggal_disposisi is not null as is_follow_up_done,
        tanggal_disposisi is not null and tanggal_tindak_lanjut is null and is_status_open
            and as_of_wdi - disposisi_wdi > {{ var('sla_follow_up_days') }}
            as is_follow_up_overdue

    from closing

),

flagged as (

    select
        {{ star_except(
            ['lapor_wdi', 'diteruskan_wdi', 'disposisi_wdi', 'tindak_lanjut_wdi', 'as_of_wdi',
             'is_status_open'],
            [ref('int_lapor_complaints_current')],
            ['as_of_date', 'tanggal_diteruskan', 'is_auto_closed', 'is_open', 'verification_working_days', 'follow_up_working_days',
             'age_working_days', 'is_verification_done', 'is_verification_overdue',
             'is_follow_up_started', 'is_follow_up_done', 'is_follow_up_overdue']
        ) }},
        {{ sla_verdicts() }},
        status = 'selesai' or is_auto_closed as is_completed_effective

    from measured

)

select * from flagged
