{#- Every group has exactly `expected` rows; by default the province's number of regencies/cities
    (e.g. one row per regency per period). -#}
{% test rows_per_group(model, group_by, expected=none) %}

select {{ group_by | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ group_by | join(', ') }}
having count(*) <> {{ expected if expected is not none else regency_count() }}

{% endtest %}
