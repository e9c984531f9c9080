-- Complaint counts and service-level tallies per regency/city and year of submission.
with

complaints as (

    select * from {{ ref('int_lapor_complaints_sla_measured') }}

),

aggregated as (

    select
        kode_kabkota,
        year(tanggal_lapor)::integer as tahun,
        count(*) as complaints,
        count(*) filter (where kategori = 'perizinan') as complaints_perizinan,
        count(*) filter (where kategori = 'lingkungan_hidup') as complaints_lingkungan_hidup,
        count(*) filter (where kategori = 'pariwisata') as complaints_pariwisata,
        count(*) filter (where status <> 'diarsipkan') as complaints_not_archived,
        count(*) filter (where status = 'selesai') as complaints_selesai,
        count(*) filter (where is_verification_measured) as verification_measured,
        count(*) filter (where is_verified_on_time) as verified_on_time,
        count(*) filter (where is_follow_up_measured) as follow_up_measured,
        count(*) filter (where is_followed_up_on_time) as followed_up_on_time

    from complaints
    where kode_kabkota is not null
    group by 1, 2

)

select * from aggregated
