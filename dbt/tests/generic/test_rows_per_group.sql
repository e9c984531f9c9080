{#- Every group has exactly `expected` rows, e.g. 35 regencies per period. -#}
{% test rows_per_group(model, group_by, expected=35) %}

select {{ group_by | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ group_by | join(', ') }}
having count(*) <> {{ expected }}

{% endtest %}
