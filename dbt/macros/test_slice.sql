{#- The daily build tests the recent slice (the default: var `test_slice` unset or `recent`), a
    `--full-refresh` and `--vars {test_slice: full}` (a chosen selection, the weekly full-test
    DAG; smartprov/transform.py) test everything. A fresh warehouse's first build keeps the daily
    vars (so dbt's partial parse holds): with no mark yet, its recent slice is every row.

    The recent slice is what the last builds have not yet tested: service-log rows loaded after
    the mark in audit.dbt_test_marks, which a build that ran both latest-wins reconciliations
    successfully sets to the newest load it tested (record_test_mark, on-run-end). A failed
    build leaves the mark, so the next one tests the same rows again; no mark means every row.

    recent_service_keys(): a CTE body with the (kode_kabkota, id_transaksi) of the raw
    service-log rows in the slice: the keys this build can have touched. Tests that recompute
    latest-wins over all of raw restrict both sides to it when the slice is recent.

    default__get_where_subquery(): dbt's hook for a generic test's `where` config, extended: on a
    recent slice, the generic tests (not_null, unique, relationships, accepted_values, ...) of the
    models and sources in var `test_slice_columns` see only the rows whose load column is after
    the mark. A test's own `where` still applies on top. -#}
{% macro test_slice_is_recent() -%}
    {{ return(var('test_slice', 'recent') == 'recent' and not flags.FULL_REFRESH) }}
{%- endmacro %}

{% macro recent_service_keys() %}
    select distinct kode_kabkota, id_transaksi
    from {{ source('service_logs', 'service_logs') }}
    where _loaded_at > {{ tested_up_to() }}
{% endmacro %}

{% macro test_marks_relation() -%}
    {{ return(api.Relation.create(database=target.database, schema='audit', identifier='dbt_test_marks')) }}
{%- endmacro %}

{#- The newest service-log load that a successful build has tested (a scalar subquery). -#}
{% macro tested_up_to() -%}
    (select coalesce(max(tested_up_to), cast('1970-01-01' as timestamp)) from {{ test_marks_relation() }})
{%- endmacro %}

{#- on-run-start: the marks table exists before any test reads it. -#}
{% macro create_test_marks() -%}
    create schema if not exists audit;
    create table if not exists {{ test_marks_relation() }} (
        tested_up_to timestamp not null,
        recorded_at timestamp not null,
        test_slice varchar not null
    );
{%- endmacro %}

{#- on-run-end: when this invocation ran both latest-wins reconciliations and both passed, every
    service-log row loaded so far has been reconciled: record the newest load as the mark. -#}
{% macro record_test_mark(results) -%}
    {%- set reconciliations = ['assert_service_transactions_reconcile_with_raw',
                               'assert_service_fact_holds_latest_delivery'] -%}
    {%- set passed = [] -%}
    {%- for result in results if result.node.name in reconciliations and result.status == 'pass' -%}
        {%- do passed.append(result.node.name) -%}
    {%- endfor -%}
    {%- if execute and passed | unique | list | length == reconciliations | length -%}
        insert into {{ test_marks_relation() }}
        select max(_loaded_at), current_timestamp, '{{ 'recent' if test_slice_is_recent() else 'full' }}'
        from {{ graph.sources['source.smartprov.service_logs.service_logs'].relation_name }}
        having max(_loaded_at) is not null
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{% macro default__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set slice_column = var('test_slice_columns', {}).get(relation.identifier) -%}
    {%- if slice_column and test_slice_is_recent() -%}
        {%- do conditions.append(adapter.quote(slice_column) ~ ' > ' ~ tested_up_to()) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') dbt_subquery') -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
