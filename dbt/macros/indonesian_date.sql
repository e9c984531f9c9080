{#- A date written the Indonesian way, e.g. "28 November 2026" (portable: DuckDB and PostgreSQL). -#}
{% macro indonesian_date(expr) -%}
cast(cast(extract(day from {{ expr }}) as integer) as varchar) || ' ' || case cast(extract(month from {{ expr }}) as integer)
    {%- for name in ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] %}
    when {{ loop.index }} then '{{ name }}'
    {%- endfor %}
end || ' ' || cast(cast(extract(year from {{ expr }}) as integer) as varchar)
{%- endmacro %}


{#- A year as every value of it is shown (serving-v1 v1.1 running years): "2025" for a year that
    has ended by the data date, "2026 (Jan–Mar, berjalan)" for the running year (January to the
    data date's month), so that part of a year never reads as the year. -#}
{% macro year_label(tahun_expr, as_of_expr) -%}
case
    when {{ tahun_expr }} = cast(extract(year from {{ as_of_expr }}) as integer)
        then cast({{ tahun_expr }} as varchar) || ' (' || case
            when cast(extract(month from {{ as_of_expr }}) as integer) = 1 then 'Jan'
            else 'Jan–' || case cast(extract(month from {{ as_of_expr }}) as integer)
                {%- for name in ['Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'] %}
                when {{ loop.index + 1 }} then '{{ name }}'
                {%- endfor %}
            end
        end || ', berjalan)'
    when {{ tahun_expr }} > cast(extract(year from {{ as_of_expr }}) as integer)
        then cast({{ tahun_expr }} as varchar) || ' (belum dimulai)'
    else cast({{ tahun_expr }} as varchar)
end
{%- endmacro %}
