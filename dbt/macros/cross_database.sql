{#- SQL that differs between DuckDB (target `local`) and PostgreSQL (target `postgres`).

    Each macro dispatches on the adapter: the duckdb__ version renders exactly the SQL the models
    held before (so the DuckDB build is unchanged), the postgres__ version the equivalent there.
    The default__ versions are the PostgreSQL/ANSI forms. docs/scaling.md explains why. -#}

{#- A double-precision type for casts: `x::{{ type_double() }}`. -#}
{% macro type_double() -%}{{ return(adapter.dispatch('type_double')()) }}{%- endmacro %}
{% macro duckdb__type_double() -%}double{%- endmacro %}
{% macro default__type_double() -%}double precision{%- endmacro %}

{#- The calendar year / month of a date or timestamp. -#}
{% macro year_of(expr) -%}{{ return(adapter.dispatch('year_of')(expr)) }}{%- endmacro %}
{% macro duckdb__year_of(expr) -%}year({{ expr }}){%- endmacro %}
{% macro default__year_of(expr) -%}extract(year from {{ expr }})::integer{%- endmacro %}

{% macro month_of(expr) -%}{{ return(adapter.dispatch('month_of')(expr)) }}{%- endmacro %}
{% macro duckdb__month_of(expr) -%}month({{ expr }}){%- endmacro %}
{% macro default__month_of(expr) -%}extract(month from {{ expr }})::integer{%- endmacro %}

{#- ISO day of the week, 1 = Monday ... 7 = Sunday. -#}
{% macro iso_day_of_week(expr) -%}{{ return(adapter.dispatch('iso_day_of_week')(expr)) }}{%- endmacro %}
{% macro duckdb__iso_day_of_week(expr) -%}isodow({{ expr }}){%- endmacro %}
{% macro default__iso_day_of_week(expr) -%}extract(isodow from {{ expr }})::integer{%- endmacro %}

{#- Whole days from `start` to `end` (dates). -#}
{% macro days_between(start, end) -%}{{ return(adapter.dispatch('days_between')(start, end)) }}{%- endmacro %}
{% macro duckdb__days_between(start, end) -%}date_diff('day', {{ start }}, {{ end }}){%- endmacro %}
{% macro default__days_between(start, end) -%}(({{ end }})::date - ({{ start }})::date){%- endmacro %}

{#- Second boundaries crossed from `start` to `end` (timestamps), as DuckDB's date_diff counts. -#}
{% macro seconds_between(start, end) -%}{{ return(adapter.dispatch('seconds_between')(start, end)) }}{%- endmacro %}
{% macro duckdb__seconds_between(start, end) -%}date_diff('second', {{ start }}, {{ end }}){%- endmacro %}
{% macro default__seconds_between(start, end) -%}
(extract(epoch from date_trunc('second', {{ end }})) - extract(epoch from date_trunc('second', {{ start }})))::bigint
{%- endmacro %}

{#- An interval literal: `{{ interval(12, 'month') }}`. -#}
{% macro interval(amount, unit) -%}{{ return(adapter.dispatch('interval')(amount, unit)) }}{%- endmacro %}
{% macro duckdb__interval(amount, unit) -%}interval {{ amount }} {{ unit }}{%- endmacro %}
{% macro default__interval(amount, unit) -%}interval '{{ amount }} {{ unit }}'{%- endmacro %}

{#- The median and a continuous quantile (aggregates). -#}
{% macro median(expr) -%}{{ return(adapter.dispatch('median')(expr)) }}{%- endmacro %}
{% macro duckdb__median(expr) -%}median({{ expr }}){%- endmacro %}
{% macro default__median(expr) -%}percentile_cont(0.5) within group (order by {{ expr }}){%- endmacro %}

{% macro quantile_cont(expr, fraction) -%}{{ return(adapter.dispatch('quantile_cont')(expr, fraction)) }}{%- endmacro %}
{% macro duckdb__quantile_cont(expr, fraction) -%}quantile_cont({{ expr }}, {{ fraction }}){%- endmacro %}
{% macro default__quantile_cont(expr, fraction) -%}percentile_cont({{ fraction }}) within group (order by {{ expr }}){%- endmacro %}

{#- round() of a double to `digits` places (PostgreSQL rounds only numeric to places). -#}
{% macro round_double(expr, digits) -%}{{ return(adapter.dispatch('round_double')(expr, digits)) }}{%- endmacro %}
{% macro duckdb__round_double(expr, digits) -%}round({{ expr }}, {{ digits }}){%- endmacro %}
{% macro default__round_double(expr, digits) -%}round(({{ expr }})::numeric, {{ digits }})::double precision{%- endmacro %}

{#- A double as fixed-point (6 decimals): sums of it are exact, whatever the summation order. -#}
{% macro fixed_point(expr) -%}cast({{ expr }} as decimal(18, 6)){%- endmacro %}

{#- One row per value of a list of strings, as a select-list expression. -#}
{% macro unnest_strings(values) -%}{{ return(adapter.dispatch('unnest_strings')(values)) }}{%- endmacro %}
{% macro duckdb__unnest_strings(values) -%}unnest({{ values }}){%- endmacro %}
{% macro default__unnest_strings(values) -%}unnest(array[{% for value in values %}'{{ value }}'{{ ", " if not loop.last }}{% endfor %}]::text[]){%- endmacro %}

{#- One row per integer from `first` to `last` inclusive, as a select-list expression. -#}
{% macro integer_series(first, last) -%}{{ return(adapter.dispatch('integer_series')(first, last)) }}{%- endmacro %}
{% macro duckdb__integer_series(first, last) -%}unnest(range({{ first }}, {{ last }} + 1)){%- endmacro %}
{% macro default__integer_series(first, last) -%}generate_series({{ first }}, {{ last }}){%- endmacro %}

{#- One row per month start from `first` to `last` (timestamps), as a select-list expression. -#}
{% macro month_series(first, last) -%}{{ return(adapter.dispatch('month_series')(first, last)) }}{%- endmacro %}
{% macro duckdb__month_series(first, last) -%}
unnest(generate_series(
        {{ first }},
        {{ last }},
        interval 1 month
    ))
{%- endmacro %}
{% macro default__month_series(first, last) -%}
generate_series(
        ({{ first }})::timestamp,
        ({{ last }})::timestamp,
        interval '1 month'
    )
{%- endmacro %}

{#- A table of days from `first` to `last` inclusive (date literals), one column `day`. -#}
{% macro day_series(first, last, alias) -%}{{ return(adapter.dispatch('day_series')(first, last, alias)) }}{%- endmacro %}
{% macro duckdb__day_series(first, last, alias) -%}
range(
        date '{{ first }}',
        date '{{ last }}' + interval 1 day,
        interval 1 day
    ) as {{ alias }} (day)
{%- endmacro %}
{% macro default__day_series(first, last, alias) -%}
generate_series(
        date '{{ first }}'::timestamp,
        date '{{ last }}'::timestamp,
        interval '1 day'
    ) as {{ alias }} (day)
{%- endmacro %}

{#- The rows of `relation` that rank first per `partition_by` when ordered by `order_by`. -#}
{% macro first_row_per(relation, partition_by, order_by) -%}{{ return(adapter.dispatch('first_row_per')(relation, partition_by, order_by)) }}{%- endmacro %}
{% macro duckdb__first_row_per(relation, partition_by, order_by) -%}
select * from {{ relation }}
    qualify row_number() over (partition by {{ partition_by }} order by {{ order_by }}) = 1
{%- endmacro %}
{% macro default__first_row_per(relation, partition_by, order_by) -%}
select distinct on ({{ partition_by }}) * from {{ relation }}
    order by {{ partition_by }}, {{ order_by }}
{%- endmacro %}

{#- `*` without some columns. PostgreSQL has no `* exclude`: there the columns are listed from
    the relations the `*` expands to (`relations`, in order) plus `extra` names, minus `except`. -#}
{% macro star_except(except, relations, extra=[]) -%}{{ return(adapter.dispatch('star_except')(except, relations, extra)) }}{%- endmacro %}
{% macro duckdb__star_except(except, relations, extra=[]) -%}* exclude ({{ except | join(', ') }}){%- endmacro %}
{% macro default__star_except(except, relations, extra=[]) -%}
    {%- if not execute -%}{{ return('*') }}{%- endif -%}
    {%- set names = [] -%}
    {%- for relation in relations -%}
        {%- set columns = adapter.get_columns_in_relation(relation) -%}
        {#- a unit test's ref() is a fixture, not a table: keep every column there (a unit test
            compares only the columns its expected rows name) -#}
        {%- if not columns -%}{{ return('*') }}{%- endif -%}
        {%- for column in columns -%}
            {%- do names.append(column.name) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- do names.extend(extra) -%}
    {%- set kept = [] -%}
    {%- for name in names if name not in except and name not in kept -%}
        {%- do kept.append(name) -%}
    {%- endfor -%}
    {%- if not kept -%}
        {{ exceptions.raise_compiler_error("star_except: no columns found in " ~ relations) }}
    {%- endif -%}
    {{ kept | join(', ') }}
{%- endmacro %}

{#- Keep the rows with (semi) / without (anti) a match in `relation` on `condition`; placed after
    the FROM clause of a query that has no WHERE of its own. -#}
{% macro semi_join(relation, condition) -%}{{ return(adapter.dispatch('semi_join')(relation, condition)) }}{%- endmacro %}
{% macro duckdb__semi_join(relation, condition) -%}
semi join {{ relation }}
        on {{ condition }}
{%- endmacro %}
{% macro default__semi_join(relation, condition) -%}
where exists (select 1 from {{ relation }} where {{ condition }})
{%- endmacro %}

{% macro anti_join(relation, condition) -%}{{ return(adapter.dispatch('anti_join')(relation, condition)) }}{%- endmacro %}
{% macro duckdb__anti_join(relation, condition) -%}anti join {{ relation }} on {{ condition }}{%- endmacro %}
{% macro default__anti_join(relation, condition) -%}
where not exists (select 1 from {{ relation }} where {{ condition }})
{%- endmacro %}

{#- A parenthesised list of quoted string literals for `x in (...)`, from a var of project
    constants (quotes doubled). -#}
{% macro sql_list(values) -%}
({%- for value in values %}'{{ value | replace("'", "''") }}'{{ "," if not loop.last }}{% endfor -%})
{%- endmacro %}
