{#
  The service-level verdicts of one complaint (lapor-v1's two steps, for SP4N-LAPOR! and
  LaporGub! alike), from the columns both channels' *_sla_measured models compute under the same
  names: is_verification_done / _overdue and verification_working_days, is_follow_up_done /
  _overdue and follow_up_working_days. A step is measured when done or overdue (an overdue step
  of an open complaint counts as late, never as missing); on time when done within its limit.
#}
{% macro sla_verdicts() %}
    is_verification_done
        and verification_working_days <= {{ var('sla_verification_days') }}
        as is_verified_on_time,
    is_verification_done or is_verification_overdue as is_verification_measured,
    is_follow_up_done
        and follow_up_working_days <= {{ var('sla_follow_up_days') }}
        as is_followed_up_on_time,
    is_follow_up_done or is_follow_up_overdue as is_follow_up_measured
{% endmacro %}
