{#- A date written the Indonesian way, e.g. "28 November 2026" (portable: DuckDB and PostgreSQL). -#}
{% macro indonesian_date(expr) -%}
cast(cast(extract(day from {{ expr }}) as integer) as varchar) || ' ' || case cast(extract(month from {{ expr }}) as integer)
    {%- for name in ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] %}
    when {{ loop.index }} then '{{ name }}'
    {%- endfor %}
end || ' ' || cast(cast(extract(year from {{ expr }}) as integer) as varchar)
{%- endmacro %}

