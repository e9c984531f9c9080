-- The dimensions hold the configured province's reference geography exactly: every
-- regency/city of stg_wilayah__regencies once in dim_kabkota, every village of
-- stg_wilayah__villages once in dim_wilayah
-- (what the warehouse DAG's Python quality gate checked against fixed counts before).
with

ref_regencies as (

    select kode_kabkota from {{ ref('stg_wilayah__regencies') }}

),

ref_villages as (

    select kode_wilayah from {{ ref('stg_wilayah__villages') }}

),

regencies as (

    select kode_kabkota from {{ ref('dim_kabkota') }}

),

villages as (

    select kode_wilayah from {{ ref('dim_wilayah') }}

),

problems as (

    select 'regency_missing' as problem, kode_kabkota as kode from ref_regencies
    where kode_kabkota not in (select kode_kabkota from regencies)
    union all
    select 'regency_unknown', kode_kabkota from regencies
    where kode_kabkota not in (select kode_kabkota from ref_regencies)
    union all
    select 'regency_repeated', kode_kabkota from regencies
    group by kode_kabkota having count(*) > 1
    union all
    select 'village_missing', kode_wilayah from ref_villages
    where kode_wilayah not in (select kode_wilayah from villages)
    union all
    select 'village_unknown', kode_wilayah from villages
    where kode_wilayah not in (select kode_wilayah from ref_villages)
    union all
    select 'village_repeated', kode_wilayah from villages
    group by kode_wilayah having count(*) > 1

)

select * from problems
