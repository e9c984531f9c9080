-- Service levels per complaint (lapor-v1), in working days as of the data date.
-- A step is due once its limit has passed as of the data date; compliance counts an overdue
-- step of an open complaint as late, not as missing.
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
        complaints.status not in ('selesai', 'diarsipkan') as is_open,
        lapor_day.working_day_index as lapor_wdi,
        verif_day.working_day_index as verifikasi_wdi,
        disp_day.working_day_index as disposisi_wdi,
        tl_day.working_day_index as tindak_lanjut_wdi,
        as_of_day.working_day_index as as_of_wdi

    from complaints
    cross join as_of
    left join calendar as lapor_day on lapor_day.tanggal = complaints.tanggal_lapor::date
    left join calendar as verif_day on verif_day.tanggal = complaints.tanggal_verifikasi::date
    left join calendar as disp_day on disp_day.tanggal = complaints.tanggal_disposisi::date
    left join calendar as tl_day on tl_day.tanggal = complaints.tanggal_tindak_lanjut::date
    left join calendar as as_of_day on as_of_day.tanggal = as_of.as_of_date

),

measured as (

    select
        *,
        verifikasi_wdi - lapor_wdi as verification_working_days,
        tindak_lanjut_wdi - disposisi_wdi as follow_up_working_days,
        as_of_wdi - lapor_wdi as age_working_days,

        tanggal_verifikasi is not null as is_verification_done,
        tanggal_verifikasi is null and is_open
            and as_of_wdi - lapor_wdi > {{ var('sla_verification_days') }}
            as is_verification_overdue,

        tanggal_disposisi is not null as is_follow_up_started,
        tanggal_tindak_lanjut is not null and tanggal_disposisi is not null as is_follow_up_done,
        tanggal_disposisi is not null and tanggal_tindak_lanjut is null and is_open
            and as_of_wdi - disposisi_wdi > {{ var('sla_follow_up_days') }}
            as is_follow_up_overdue,

        status = 'ditindaklanjuti'
            and as_of_wdi - tindak_lanjut_wdi >= {{ var('sla_auto_close_days') }}
            as is_auto_closed

    from indexed

),

flagged as (

    select
        {{ star_except(
            ['lapor_wdi', 'verifikasi_wdi', 'disposisi_wdi', 'tindak_lanjut_wdi', 'as_of_wdi'],
            [ref('int_lapor_complaints_current')],
            ['as_of_date', 'is_open', 'verification_working_days', 'follow_up_working_days',
             'age_working_days', 'is_verification_done', 'is_verification_overdue',
             'is_follow_up_started', 'is_follow_up_done', 'is_follow_up_overdue', 'is_auto_closed']
        ) }},
        is_verification_done
            and verification_working_days <= {{ var('sla_verification_days') }}
            as is_verified_on_time,
        is_verification_done or is_verification_overdue as is_verification_measured,
        is_follow_up_done
            and follow_up_working_days <= {{ var('sla_follow_up_days') }}
            as is_followed_up_on_time,
        is_follow_up_done or is_follow_up_overdue as is_follow_up_measured,
        status = 'selesai' or is_auto_closed as is_completed_effective

    from measured

)

select * from flagged
