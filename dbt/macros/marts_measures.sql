{#- Shared aggregate expressions, so that the marts at different grains compute them alike. -#}

{#- Service adoption over fct_service_transactions rows (request cohort). -#}
{% macro adoption_measures() -%}
        count(*) as requests,
        count(*) filter (where status = 'selesai') as letters_issued,
        count(*) filter (where status = 'selesai' and is_tte) as tte_letters_issued,
        count(*) filter (where status = 'ditolak') as requests_rejected,
        count(*) filter (where status = 'gagal') as requests_failed,
        count(*) filter (where status = 'proses') as requests_in_progress,
        {{ safe_divide("count(*) filter (where status = 'selesai' and is_tte)", "count(*) filter (where status = 'selesai')") }} as tte_share,
        {{ safe_divide("count(*) filter (where status = 'ditolak')", "count(*) filter (where status <> 'proses')") }} as rejection_rate,
        {{ safe_divide("count(*) filter (where status = 'gagal')", "count(*) filter (where status <> 'proses')") }} as signing_failure_rate,
        {{ median('processing_hours') }} as processing_hours_median,
        {{ quantile_cont('processing_hours', 0.9) }} as processing_hours_p90,
        sum(processing_working_days)::bigint as processing_working_days_total,
        {{ median('processing_working_days') }} as processing_working_days_median,
        {{ quantile_cont('processing_working_days', 0.9) }} as processing_working_days_p90,
        sum(open_age_working_days)::bigint as open_age_working_days_total,
        {{ median('open_age_working_days') }} as open_age_working_days_median,
        max(open_age_working_days) as open_age_working_days_max
{%- endmacro %}

{#- fct_service_transactions rows with their clocks in working days (contracts v1.1 calendar):
    processing_working_days of an issued letter (working days d with date(request) < d <=
    date(issue)), and open_age_working_days of a request still in `proses` as of the data
    date, so that a backlog shows beside the processing time of the letters that were issued. -#}
{% macro transactions_in_working_days() -%}
    select
        transactions.*,
        case when transactions.status = 'selesai'
            then issued_day.working_day_index - requested_day.working_day_index
        end as processing_working_days,
        case when transactions.status = 'proses'
            then greatest(as_of_day.working_day_index - requested_day.working_day_index, 0)
        end as open_age_working_days

    from {{ ref('fct_service_transactions') }} as transactions
    cross join {{ ref('int_as_of_date_resolved') }} as as_of
    left join {{ ref('int_calendar_days_enumerated') }} as requested_day
        on requested_day.tanggal = transactions.tanggal_permohonan
    left join {{ ref('int_calendar_days_enumerated') }} as issued_day
        on issued_day.tanggal = transactions.tanggal_selesai
    left join {{ ref('int_calendar_days_enumerated') }} as as_of_day
        on as_of_day.tanggal = as_of.as_of_date
{%- endmacro %}

{#- SP4N-LAPOR! counts and service levels over int_lapor_complaints_sla_measured /
    fct_lapor_complaints rows. lapor-v1 (v1.1) "Counting by jenis": a figure called "complaints"
    (pengaduan: count, completion, open) counts jenis = pengaduan only; "reports" (laporan) all
    three jenis; the service levels (verification, follow-up) cover every report. -#}
{% macro lapor_sla_measures() -%}
        count(*) as reports,
        count(*) filter (where jenis = 'pengaduan') as complaints,
        count(*) filter (where jenis = 'aspirasi') as reports_aspirasi,
        count(*) filter (where jenis = 'permintaan_informasi') as reports_permintaan_informasi,
        count(*) filter (where jenis = 'pengaduan' and status <> 'diarsipkan') as complaints_not_archived,
        count(*) filter (where jenis = 'pengaduan' and status = 'selesai') as complaints_selesai,
        count(*) filter (where jenis = 'pengaduan' and is_open) as complaints_open,
        count(*) filter (where is_open) as reports_open,
        count(*) filter (where is_verification_measured) as verification_measured,
        count(*) filter (where is_verified_on_time) as verified_on_time,
        count(*) filter (where is_verification_overdue) as verification_overdue,
        count(*) filter (where is_follow_up_measured) as follow_up_measured,
        count(*) filter (where is_followed_up_on_time) as followed_up_on_time,
        count(*) filter (where is_follow_up_overdue) as follow_up_overdue,
        {{ safe_divide("count(*) filter (where is_verified_on_time)", "count(*) filter (where is_verification_measured)") }} as verified_on_time_rate,
        {{ safe_divide("count(*) filter (where is_followed_up_on_time)", "count(*) filter (where is_follow_up_measured)") }} as followed_up_on_time_rate,
        {{ safe_divide("count(*) filter (where jenis = 'pengaduan' and status = 'selesai')", "count(*) filter (where jenis = 'pengaduan' and status <> 'diarsipkan')") }} as completion_rate,
        {{ safe_divide("count(*) filter (where jenis = 'pengaduan' and is_completed_effective)", "count(*) filter (where jenis = 'pengaduan' and status <> 'diarsipkan')") }} as completion_rate_incl_auto_closed
{%- endmacro %}

{#- The per-report service-level columns both complaint channels share (fct_complaint_reports). -#}
{% macro sla_columns(relation) -%}
        {%- set columns = ['n_versions', 'verification_working_days', 'follow_up_working_days',
            'age_working_days', 'is_verification_done', 'is_verification_overdue',
            'is_verification_measured', 'is_verified_on_time', 'is_follow_up_started',
            'is_follow_up_done', 'is_follow_up_overdue', 'is_follow_up_measured',
            'is_followed_up_on_time', 'is_auto_closed', 'is_completed_effective', 'as_of_date'] -%}
        {%- for column in columns %}{{ relation }}.{{ column }}{{ ",\n        " if not loop.last }}{% endfor -%}
{%- endmacro %}
