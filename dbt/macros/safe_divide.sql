{#- numerator / denominator as double, NULL when the denominator is 0 or NULL. -#}
{% macro safe_divide(numerator, denominator) -%}
    ({{ numerator }})::{{ type_double() }} / nullif(({{ denominator }})::{{ type_double() }}, 0)
{%- endmacro %}
