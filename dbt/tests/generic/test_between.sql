{#- Values of column_name lie in [min_value, max_value] (NULLs pass; add not_null for those).
    Used for rates (0-1), scores (0-100) and ranks (1 to the number of regencies/cities:
    max_value: regency_count). -#}
{% test between(model, column_name, min_value=none, max_value=none) %}

{%- if max_value == 'regency_count' %}{% set max_value = regency_count() %}{% endif %}
select {{ column_name }} as offending_value
from {{ model }}
where {{ column_name }} is not null
  and (
    false
    {%- if min_value is not none %} or {{ column_name }} < {{ min_value }}{% endif %}
    {%- if max_value is not none %} or {{ column_name }} > {{ max_value }}{% endif %}
  )

{% endtest %}
