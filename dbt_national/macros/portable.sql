{#- SQL that DuckDB and Spark read alike, where their dialects differ. -#}

{#- Whole days from `start` to `end` (dates). -#}
{% macro days_between(start, end) -%}
    {{ return(adapter.dispatch('days_between')(start, end)) }}
{%- endmacro %}

{% macro default__days_between(start, end) -%}
    date_diff('day', {{ start }}, {{ end }})
{%- endmacro %}

{% macro spark__days_between(start, end) -%}
    datediff({{ end }}, {{ start }})
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
