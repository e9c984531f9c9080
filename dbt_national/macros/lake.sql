{#- Reading the lake: the partitions come from one verified snapshot (var `partitions`, set by
    smartprov/national/build.py), never from listing the lake here. -#}

{#- Every province's files of one exported table, as one relation (union all). -#}
{% macro lake_table(table) -%}
    {%- set reads = [] -%}
    {%- for partition in var('partitions') -%}
        {%- for file in partition['files'].get(table, []) -%}
            {%- do reads.append('select * from ' ~ read_parquet_file(partition['path'] ~ '/' ~ file)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if not reads and execute -%}
        {{ exceptions.raise_compiler_error("no province in the lake snapshot exported " ~ table) }}
    {%- endif -%}
    ({{ reads | join('\n    union all\n    ') }})
{%- endmacro %}

{% macro read_parquet_file(path) -%}
    {{ return(adapter.dispatch('read_parquet_file')(path)) }}
{%- endmacro %}

{% macro default__read_parquet_file(path) -%}
    read_parquet('{{ path | replace("'", "''") }}')
{%- endmacro %}

{% macro spark__read_parquet_file(path) -%}
    parquet.`{{ path | replace('`', '``') }}`
{%- endmacro %}
