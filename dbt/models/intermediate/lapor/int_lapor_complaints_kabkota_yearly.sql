-- Complaint counts and service-level tallies per regency/city (all of them) and year of submission,
-- for the years SP4N-LAPOR! data covers (a year without any complaint in the province has no
-- rows, so complaint-based indicators stay NULL instead of a misleading zero).
-- v1.1: complaint counts (and completion) are jenis = pengaduan only; the service-level tallies
-- cover every report (lapor-v1 "Counting by jenis").
with

complaints as (

    select * from {{ ref('int_lapor_complaints_sla_measured') }}

),

regencies as (

    select * from {{ ref('stg_wilayah__regencies') }}

),

covered_years as (

    select distinct {{ year_of('tanggal_lapor') }}::integer as tahun from complaints

),

aggregated as (

    select
        kode_kabkota,
        {{ year_of('tanggal_lapor') }}::integer as tahun,
        count(*) filter (where jenis = 'pengaduan') as complaints,
        count(*) filter (
            where jenis = 'pengaduan' and kategori = 'perizinan'
        ) as complaints_perizinan,
        count(*) filter (
            where jenis = 'pengaduan' and kategori = 'lingkungan_hidup'
        ) as complaints_lingkungan_hidup,
        count(*) filter (
            where jenis = 'pengaduan' and kategori = 'pariwisata'
        ) as complaints_pariwisata,
        count(*) filter (
            where jenis = 'pengaduan' and status <> 'diarsipkan'
        ) as complaints_not_archived,
        count(*) filter (where jenis = 'pengaduan' and status = 'selesai') as complaints_selesai,
        count(*) filter (where is_verification_measured) as verification_measured,
        count(*) filter (where is_verified_on_time) as verified_on_time,
        count(*) filter (where is_follow_up_measured) as follow_up_measured,
        count(*) filter (where is_followed_up_on_time) as followed_up_on_time

    from complaints
    where kode_kabkota is not null
    group by 1, 2

),

filled as (

    select
        regencies.kode_kabkota,
        covered_years.tahun,
        coalesce(aggregated.complaints, 0) as complaints,
        coalesce(aggregated.complaints_perizinan, 0) as complaints_perizinan,
        coalesce(aggregated.complaints_lingkungan_hidup, 0) as complaints_lingkungan_hidup,
        coalesce(aggregated.complaints_pariwisata, 0) as complaints_pariwisata,
        coalesce(aggregated.complaints_not_archived, 0) as complaints_not_archived,
        coalesce(aggregated.complaints_selesai, 0) as complaints_selesai,
        coalesce(aggregated.verification_measured, 0) as verification_measured,
        coalesce(aggregated.verified_on_time, 0) as verified_on_time,
        coalesce(aggregated.follow_up_measured, 0) as follow_up_measured,
        coalesce(aggregated.followed_up_on_time, 0) as followed_up_on_time

    from regencies
    cross join covered_years
    left join aggregated
        on regencies.kode_kabkota = aggregated.kode_kabkota
        and covered_years.tahun = aggregated.tahun

)

select * from filled
