-- Service levels per LaporGub! ticket (laporgub-v1), in working days as of the data date, by
-- the rules of lapor-v1: verification within 3 working days of tanggal_masuk (a tidak_layak
-- decision is a verification: it ends at tanggal_verifikasi, else at the version that set
-- it), the agency's first answer (tanggal_respon) within 5 working days of verification. A
-- tidak_layak ticket counts in the volume and the verification level, not in the follow-up
-- level. A step not done whose limit has passed (open tickets only) is overdue = late.
-- LaporGub has no auto-closing rule: a ticket is open until selesai or tidak_layak.
with

reports as (

    select * from {{ ref('int_laporgub_reports_current') }}

),

calendar as (

    select * from {{ ref('int_calendar_days_enumerated') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

indexed as (

    select
        reports.*,
        as_of.as_of_date,
        reports.status not in ('selesai', 'tidak_layak') as is_open,
        coalesce(
            reports.tanggal_verifikasi,
            case when reports.status = 'tidak_layak' then reports.diperbarui_pada end
        ) as tanggal_verifikasi_effective,
        masuk_day.working_day_index as masuk_wdi,
        verif_day.working_day_index as verifikasi_wdi,
        respon_day.working_day_index as respon_wdi,
        as_of_day.working_day_index as as_of_wdi

    from reports
    cross join as_of
    left join calendar as masuk_day on masuk_day.tanggal = reports.tanggal_masuk::date
    left join calendar as verif_day on verif_day.tanggal = coalesce(
        reports.tanggal_verifikasi,
        case when reports.status = 'tidak_layak' then reports.diperbarui_pada end
    )::date
    left join calendar as respon_day on respon_day.tanggal = reports.tanggal_respon::date
    left join calendar as as_of_day on as_of_day.tanggal = as_of.as_of_date

),

measured as (

    select
        *,
        verifikasi_wdi - masuk_wdi as verification_working_days,
        respon_wdi - verifikasi_wdi as follow_up_working_days,
        as_of_wdi - masuk_wdi as age_working_days,

        tanggal_verifikasi_effective is not null as is_verification_done,
        tanggal_verifikasi_effective is null and is_open
            and as_of_wdi - masuk_wdi > {{ var('sla_verification_days') }}
            as is_verification_overdue,

        tanggal_verifikasi_effective is not null and status <> 'tidak_layak'
            as is_follow_up_started,
        tanggal_verifikasi_effective is not null and status <> 'tidak_layak'
            and tanggal_respon is not null as is_follow_up_done,
        tanggal_verifikasi_effective is not null and tanggal_respon is null and is_open
            and as_of_wdi - verifikasi_wdi > {{ var('sla_follow_up_days') }}
            as is_follow_up_overdue

    from indexed

)

select
    {{ star_except(
        ['masuk_wdi', 'verifikasi_wdi', 'respon_wdi', 'as_of_wdi', 'tanggal_verifikasi_effective'],
        [ref('int_laporgub_reports_current')],
        ['as_of_date', 'is_open', 'verification_working_days', 'follow_up_working_days',
         'age_working_days', 'is_verification_done', 'is_verification_overdue',
         'is_follow_up_started', 'is_follow_up_done', 'is_follow_up_overdue']
    ) }},
    {{ sla_verdicts() }},
    false as is_auto_closed,
    status = 'selesai' as is_completed_effective

from measured
