-- Smart-province scorecard (serving-v1): every indicator of ref_indikator per regency/city (all
-- of them) and year. Score 0-100 against the indicator's fixed bounds in the catalogue (floor =
-- 0, target = 100, clipped), so a change between years is a change of performance. A year is
-- ranked only once complete ('lengkap': before the data date's year); the running year is shown
-- 'berjalan', never ranked. No value = no score and no rank; indicators of weight 0 (complaint
-- volumes) are shown, not scored. Rank 1-N in the indicator's direction (ties share a rank).
-- docs/metodologi-skor.md explains it for readers.
with

governance as (select * from {{ ref('mart_governance_kabkota') }}),

economy as (select * from {{ ref('mart_economy_kabkota') }}),

environment as (select * from {{ ref('mart_environment_kabkota') }}),

tourism as (select * from {{ ref('mart_tourism_kabkota') }}),

-- v1.1 indices: SPBE (governance), IPM (economy), IKLH (environment, every regency/city)
indices as (select * from {{ ref('int_kabkota_indices_yearly') }}),

indicators as (select * from {{ ref('dim_indikator') }}),

as_of as (select * from {{ ref('int_as_of_date_resolved') }}),

unpivoted as (

    {%- set sources = {
        'governance': {
            'GOV_TTE_SHARE': 'tte_share', 'GOV_ONLINE_SHARE': 'online_share',
            'GOV_PROCESSING_MEDIAN_WORKING_DAYS':
                'processing_with_backlog_working_days_median',
            'GOV_TTE_LIVE_SHARE': 'tte_live_share',
            'GOV_LAPOR_VERIFIED_ON_TIME': 'lapor_verified_on_time_rate',
            'GOV_LAPOR_FOLLOWED_UP_ON_TIME': 'lapor_followed_up_on_time_rate',
            'GOV_LAPOR_COMPLETION': 'lapor_completion_rate'},
        'economy': {
            'ECO_GRDP_PER_CAPITA': 'grdp_per_capita_adhk_juta', 'ECO_GRDP_REAL_GROWTH': 'grdp_real_growth',
            'ECO_POVERTY_RATE': 'poverty_rate', 'ECO_UNEMPLOYMENT_RATE': 'unemployment_rate',
            'ECO_LICENSING_COMPLAINT_SHARE': 'licensing_complaint_share'},
        'environment': {
            'ENV_ISPU_GOOD_MODERATE_SHARE': 'ispu_good_moderate_share',
            'ENV_PM25_ANNUAL_MEAN': 'pm25_annual_mean',
            'ENV_COMPLAINTS_PER_100K': 'environment_complaints_per_100k'},
        'tourism': {
            'TOU_DOMESTIC_TRIPS_PER_100K': 'domestic_trips_per_100k',
            'TOU_FOREIGN_VISITS': 'foreign_visits_per_100k', 'TOU_HOTEL_OCCUPANCY': 'hotel_occupancy_rate',
            'TOU_COMPLAINTS_PER_100K_TRIPS': 'tourism_complaints_per_100k_trips'},
        'indices': {
            'GOV_SPBE_INDEX': 'indeks_spbe', 'ECO_IPM': 'ipm', 'ENV_IKLH': 'iklh'},
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
        indicators.weight,
        indicators.bound_floor,
        indicators.bound_target,
        indicators.weight > 0 as is_scored,
        case
            when unpivoted.tahun < {{ year_of('as_of.as_of_date') }} then 'lengkap'
            else 'berjalan'
        end as period_status,
        case when indicators.direction = 'higher_is_better' then value else -value end
            as oriented_value

    from unpivoted
    inner join indicators on unpivoted.indicator_code = indicators.indicator_code
    cross join as_of

),

scored as (

    select
        *,
        case when value is not null and is_scored then {{ round_double(
            "100.0 * greatest(0.0, least(1.0,
                (value - bound_floor) / nullif(bound_target - bound_floor, 0)))", 2) }}
        end as score,
        case when value is not null and is_scored and period_status = 'lengkap' then rank() over (
            partition by tahun, indicator_code,
                value is not null and is_scored and period_status = 'lengkap'
            order by oriented_value desc
        ) end as rank,
        case
            when not is_scored then 'ditampilkan, tidak dinilai'
            when value is null then 'tidak ada data'
            when period_status = 'berjalan' then 'tahun berjalan: belum diperingkat'
        end as unranked_reason

    from oriented

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
        weight,
        value,
        rank,
        score,
        period_status,
        unranked_reason,
        value - lag(value) over p as value_change,
        case when lag(period_status) over p = 'lengkap' and lag(tahun) over p = tahun - 1
            then score - lag(score) over p end as score_change,
        case when lag(tahun) over p = tahun - 1 then lag(rank) over p - rank end as rank_change

    from scored
    window p as (partition by kode_kabkota, indicator_code order by tahun)

)

select * from compared
