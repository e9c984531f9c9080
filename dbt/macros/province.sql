{#- The province the project serves (Kemendagri code, e.g. the default of dbt_project.yml's
    `province_code` var, which reads SMARTPROV_PROVINCE). Every model sees only its geography
    through models/staging/wilayah/. -#}
{% macro province_code() %}
    {%- set code = var('province_code') | string | trim -%}
    {%- if not code.isdigit() -%}
        {{ exceptions.raise_compiler_error(
            "province_code must be a Kemendagri province code, got '" ~ code ~ "'") }}
    {%- endif -%}
    {{ return(code) }}
{% endmacro %}

{#- How many regencies/cities the province has: a subquery, for data tests' expected counts. -#}
{% macro regency_count() %}
    (select count(*) from {{ ref('stg_wilayah__regencies') }})
{% endmacro %}
