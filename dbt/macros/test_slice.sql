{#- The daily build tests the recent slice, the full refresh everything (smartprov/transform.py
    passes `--vars {test_slice: recent}` on a daily incremental build; the weekly full-test DAG
    and every full refresh leave it at `full`).

    recent_service_keys(): a CTE body with the (kode_kabkota, id_transaksi) of raw service-log
    rows loaded in the last `test_slice_days` days before the newest load: the keys a daily run
    can have touched. Tests that recompute latest-wins over all of raw restrict both sides to it
    when the slice is recent.

    default__get_where_subquery(): dbt's hook for a generic test's `where` config, extended: on a
    recent slice, the generic tests (not_null, unique, relationships, accepted_values, ...) of the
    models in var `test_slice_columns` see only the rows whose load column is within
    `test_slice_days` of that model's newest load. A test's own `where` still applies on top. -#}
{% macro test_slice_is_recent() -%}
    {{ return(var('test_slice', 'full') == 'recent') }}
{%- endmacro %}

{% macro recent_service_keys() %}
    select distinct kode_kabkota, id_transaksi
    from {{ source('service_logs', 'service_logs') }}
    where _loaded_at >= (select max(_loaded_at) from {{ source('service_logs', 'service_logs') }})
        - {{ interval(var('test_slice_days', 7), 'day') }}
{% endmacro %}

{% macro default__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set slice_column = var('test_slice_columns', {}).get(relation.identifier) -%}
    {%- if slice_column and test_slice_is_recent() -%}
        {%- do conditions.append(
            adapter.quote(slice_column) ~ ' >= (select max(' ~ adapter.quote(slice_column) ~ ') from '
            ~ relation ~ ') - ' ~ interval(var('test_slice_days', 7), 'day')
        ) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') dbt_subquery') -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
