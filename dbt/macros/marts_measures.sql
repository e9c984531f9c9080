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
        {{ quantile_cont('processing_hours', 0.9) }} as processing_hours_p90
{%- endmacro %}

{#- SP4N-LAPOR! service levels over int_lapor_complaints_sla_measured / fct_lapor_complaints rows. -#}
{% macro lapor_sla_measures() -%}
        count(*) as complaints,
        count(*) filter (where status <> 'diarsipkan') as complaints_not_archived,
        count(*) filter (where status = 'selesai') as complaints_selesai,
        count(*) filter (where is_open) as complaints_open,
        count(*) filter (where is_verification_measured) as verification_measured,
        count(*) filter (where is_verified_on_time) as verified_on_time,
        count(*) filter (where is_verification_overdue) as verification_overdue,
        count(*) filter (where is_follow_up_measured) as follow_up_measured,
        count(*) filter (where is_followed_up_on_time) as followed_up_on_time,
        count(*) filter (where is_follow_up_overdue) as follow_up_overdue,
        {{ safe_divide("count(*) filter (where is_verified_on_time)", "count(*) filter (where is_verification_measured)") }} as verified_on_time_rate,
        {{ safe_divide("count(*) filter (where is_followed_up_on_time)", "count(*) filter (where is_follow_up_measured)") }} as followed_up_on_time_rate,
        {{ safe_divide("count(*) filter (where status = 'selesai')", "count(*) filter (where status <> 'diarsipkan')") }} as completion_rate,
        {{ safe_divide("count(*) filter (where is_completed_effective)", "count(*) filter (where status <> 'diarsipkan')") }} as completion_rate_incl_auto_closed
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
