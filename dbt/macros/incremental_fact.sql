{#- Helpers of the incremental fct_service_transactions (see the model's header). -#}

{#- The fact's newest load as a timestamp literal, fetched before the model's SQL is built, so
    `loaded_at > <literal>` prunes raw's row groups (a subquery would not). When no query runs
    (parsing, or a unit test, whose `this` is a fixture), the same value as a scalar subquery. -#}
{% macro fct_service_transactions_watermark() %}
    {%- set fallback = "(select coalesce(max(loaded_at), timestamp '1900-01-01 00:00:00') from " ~ this ~ ")" -%}
    {%- if not execute or model.resource_type == 'unit_test' -%}
        {{ return(fallback) }}
    {%- endif -%}
    {%- set found = run_query("select coalesce(max(loaded_at), timestamp '1900-01-01 00:00:00') from " ~ this) -%}
    {%- set value = found.columns[0].values()[0] -%}
    {{ return("timestamp '" ~ value.strftime('%Y-%m-%d %H:%M:%S.%f') ~ "'") }}
{% endmacro %}

{#- Post-hook: drop fact rows whose load batch the ledger marks as replaced and that raw no longer
    holds (the corrected file dropped the transaction). Only replaced batches are looked up, so
    neither the fact nor raw is scanned beyond one column. -#}
{% macro delete_facts_of_vanished_batches() %}
delete from {{ this }}
where batch_id in (
    select batch_id from {{ ref('stg_audit__deliveries') }}
    where source = 'service_logs' and not is_current
    except
    select batch_id from {{ ref('stg_service_logs__transactions') }}
    where batch_id in (
        select batch_id from {{ ref('stg_audit__deliveries') }}
        where source = 'service_logs' and not is_current
    )
)
{% endmacro %}
