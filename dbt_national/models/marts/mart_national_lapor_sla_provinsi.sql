-- SP4N-LAPOR! service levels per province (serving-v1.1 meanings), every rate Σ/Σ over the
-- province's regencies/cities; complaints per 100,000 over regencies with a known population.
with

sla as (select * from {{ ref('stg_lake__lapor_sla_kabkota') }}),

freshness as (select * from {{ ref('mart_national_freshness') }}),

aggregated as (

    select
        kode_provinsi,
        cast(sum(complaints) as bigint) as complaints,
        cast(sum(complaints_not_archived) as bigint) as complaints_not_archived,
        cast(sum(complaints_selesai) as bigint) as complaints_selesai,
        cast(sum(verification_measured) as bigint) as verification_measured,
        cast(sum(verified_on_time) as bigint) as verified_on_time,
        cast(sum(follow_up_measured) as bigint) as follow_up_measured,
        cast(sum(followed_up_on_time) as bigint) as followed_up_on_time,
        cast(sum(case when jumlah_penduduk > 0 then complaints_12m end) as bigint)
            as complaints_12m_with_population,
        cast(sum(case when jumlah_penduduk > 0 then jumlah_penduduk end) as bigint)
            as jumlah_penduduk

    from sla
    group by kode_provinsi

),

final as (

    select
        freshness.kode_provinsi,
        freshness.nama_provinsi,
        aggregated.complaints,
        aggregated.complaints_not_archived,
        aggregated.complaints_selesai,
        aggregated.verification_measured,
        aggregated.verified_on_time,
        aggregated.follow_up_measured,
        aggregated.followed_up_on_time,
        {{ ratio('aggregated.verified_on_time', 'aggregated.verification_measured') }}
            as verified_on_time_rate,
        {{ ratio('aggregated.followed_up_on_time', 'aggregated.follow_up_measured') }}
            as followed_up_on_time_rate,
        {{ ratio('aggregated.complaints_selesai', 'aggregated.complaints_not_archived') }}
            as completion_rate,
        {{ ratio('aggregated.complaints_12m_with_population * 100000', 'aggregated.jumlah_penduduk') }}
            as complaints_per_100k,
        freshness.as_of_date,
        freshness.status_data

    from freshness
    left join aggregated on freshness.kode_provinsi = aggregated.kode_provinsi

)

select * from final
