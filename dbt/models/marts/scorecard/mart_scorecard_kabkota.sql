-- Smart-province scorecard: every indicator of ref_indikator per regency/city (all of them) and
-- year, ranked 1-N (N = the province's regencies/cities) in the indicator's direction (1 = best;
-- ties share a rank), scored 0-100
-- (2 decimals; min-max over the regencies with a value that year, 100 = best), with the change from the
-- previous year.
with

governance as (select * from {{ ref('mart_governance_kabkota') }}),

economy as (select * from {{ ref('mart_economy_kabkota') }}),

environment as (select * from {{ ref('mart_environment_kabkota') }}),

tourism as (select * from {{ ref('mart_tourism_kabkota') }}),

indicators as (select * from {{ ref('dim_indikator') }}),

unpivoted as (

    {%- set sources = {
        'governance': {
            'GOV_TTE_SHARE': 'tte_share', 'GOV_ONLINE_SHARE': 'online_share',
            'GOV_PROCESSING_MEDIAN_HOURS': 'processing_hours_median',
            'GOV_TTE_LIVE_SHARE': 'tte_live_share',
            'GOV_LAPOR_VERIFIED_ON_TIME': 'lapor_verified_on_time_rate',
            'GOV_LAPOR_COMPLETION': 'lapor_completion_rate'},
        'economy': {
            'ECO_GRDP_PER_CAPITA': 'grdp_per_capita_juta', 'ECO_GRDP_REAL_GROWTH': 'grdp_real_growth',
            'ECO_POVERTY_RATE': 'poverty_rate', 'ECO_UNEMPLOYMENT_RATE': 'unemployment_rate',
            'ECO_LICENSING_COMPLAINT_SHARE': 'licensing_complaint_share'},
        'environment': {
            'ENV_ISPU_GOOD_MODERATE_SHARE': 'ispu_good_moderate_share',
            'ENV_PM25_ANNUAL_MEAN': 'pm25_annual_mean',
            'ENV_COMPLAINTS_PER_100K': 'environment_complaints_per_100k'},
        'tourism': {
            'TOU_DOMESTIC_TRIPS_PER_100K': 'domestic_trips_per_100k',
            'TOU_FOREIGN_VISITS': 'foreign_visits', 'TOU_HOTEL_OCCUPANCY': 'hotel_occupancy_rate',
            'TOU_COMPLAINTS_PER_100K_TRIPS': 'tourism_complaints_per_100k_trips'},
    } %}
    {%- for relation, columns in sources.items() %}
    {%- set outer_loop = loop %}
    {%- for code, column in columns.items() %}
    select kode_kabkota, nama_kabkota, tahun, '{{ code }}' as indicator_code,
        {{ column }}::{{ type_double() }} as value
    from {{ relation }}
    {% if not (outer_loop.last and loop.last) %}union all{% endif %}
    {%- endfor %}
    {%- endfor %}

),

oriented as (

    select
        unpivoted.*,
        indicators.dimension,
        indicators.nama_indikator,
        indicators.unit,
        indicators.direction,
        case when indicators.direction = 'higher_is_better' then value else -value end
            as oriented_value

    from unpivoted
    inner join indicators on unpivoted.indicator_code = indicators.indicator_code

),

scored as (

    select
        *,
        case when value is not null then rank() over (
            partition by tahun, indicator_code
            order by oriented_value desc nulls last
        ) end as rank,
        {{ round_double(
            "case
            when value is null then null
            when max(oriented_value) over w = min(oriented_value) over w then 100.0
            else 100.0 * (oriented_value - min(oriented_value) over w)
                / (max(oriented_value) over w - min(oriented_value) over w)
        end", 2) }} as score

    from oriented
    window w as (partition by tahun, indicator_code)

),

compared as (

    select
        kode_kabkota,
        nama_kabkota,
        tahun,
        dimension,
        indicator_code,
        nama_indikator,
        unit,
        direction,
        value,
        rank,
        score,
        value - lag(value) over p as value_change,
        score - lag(score) over p as score_change,
        lag(rank) over p - rank as rank_change

    from scored
    window p as (partition by kode_kabkota, indicator_code order by tahun)

)

select * from compared
