{#- numerator / denominator as double, NULL when the denominator is 0 or NULL. -#}
{% macro safe_divide(numerator, denominator) -%}
    ({{ numerator }})::double / nullif(({{ denominator }})::double, 0)
{%- endmacro %}
