{#- Reading the lake: the partitions come from one verified snapshot (var `partitions`, set by
    smartprov/national/build.py), never from listing the lake here. -#}

{#- Every province's files of one exported table, as one relation (one scan of a file list). -#}
{% macro lake_table(table) -%}
    {%- set paths = [] -%}
    {%- for partition in var('partitions') -%}
        {%- for file in partition['files'].get(table, []) -%}
            {%- do paths.append(partition['path'] ~ '/' ~ file) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if not paths and execute -%}
        {{ exceptions.raise_compiler_error("no province in the lake snapshot exported " ~ table) }}
    {%- endif -%}
    {{ read_parquet_files(paths) }}
{%- endmacro %}

{% macro read_parquet_files(paths) -%}
    {{ return(adapter.dispatch('read_parquet_files')(paths)) }}
{%- endmacro %}

{% macro default__read_parquet_files(paths) -%}
    read_parquet([
    {%- for path in paths %}
        '{{ path | replace("'", "''") }}'{% if not loop.last %},{% endif %}
    {%- endfor %}
    ])
{%- endmacro %}

{#- Spark: one relation over every file, as a Hadoop glob alternation after the partitions'
    common folder (var `lake_root`): <root>/{33/v1/x.parquet,34/v2/x.parquet}. A glob starting
    with `{` is a relative path to Hadoop, and a union of one relation per file made Spark plan
    every file apart (38 provinces' scorecards: 157 s on one worker). build.py refuses paths with
    glob characters. -#}
{% macro spark__read_parquet_files(paths) -%}
    {%- set root = var('lake_root') ~ '/' -%}
    {%- set relative = [] -%}
    {%- for path in paths -%}
        {%- do relative.append(path[root | length:]) -%}
    {%- endfor -%}
    parquet.`{{ root ~ '{' ~ (relative | join(',')) ~ '}' }}`
{%- endmacro %}
