{#- SQL that DuckDB and Spark read alike, where their dialects differ. -#}

{#- Whole days from `start` to `end` (dates). -#}
{% macro days_between(start, end) -%}
    {{ return(adapter.dispatch('days_between')(start, end)) }}
{%- endmacro %}

{% macro default__days_between(start, end) -%}
    cast(date_diff('day', {{ start }}, {{ end }}) as bigint)
{%- endmacro %}

{% macro spark__days_between(start, end) -%}
    cast(datediff({{ end }}, {{ start }}) as bigint)
{%- endmacro %}

{#- A rate as Σ numerator ÷ Σ denominator; no denominator, no rate (never 0 or 1). -#}
{% macro ratio(numerator, denominator) -%}
    case when {{ denominator }} > 0 then cast({{ numerator }} as double) / {{ denominator }} end
{%- endmacro %}

{#- Rows matching a condition (count(*) filter (...) is not written the same everywhere). -#}
{% macro count_if(condition) -%}
    cast(sum(case when {{ condition }} then 1 else 0 end) as bigint)
{%- endmacro %}

{#- The national data date: var `national_date`, else the newest data date exported. -#}
{% macro national_date(exports) -%}
    {%- if var('national_date') -%}
        cast('{{ var("national_date") }}' as date)
    {%- else -%}
        (select max(as_of_date) from {{ exports }})
    {%- endif -%}
{%- endmacro %}

{#- A timestamp without time zone (Spark's `timestamp` is an instant in the session's zone). -#}
{% macro type_timestamp() -%}
    {{ return(adapter.dispatch('type_timestamp')()) }}
{%- endmacro %}

{% macro default__type_timestamp() -%}
    timestamp
{%- endmacro %}

{% macro spark__type_timestamp() -%}
    timestamp_ntz
{%- endmacro %}
