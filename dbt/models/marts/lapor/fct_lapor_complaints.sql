-- The current state of each complaint with its service-level measures. No reporter identity
-- and no complaint text: neither is carried past staging.
with

complaints as (

    select * from {{ ref('int_lapor_complaints_sla_measured') }}

),

regencies as (

    select * from {{ ref('dim_kabkota') }}

)

select
    complaints.tracking_id,
    complaints.kode_kabkota,
    regencies.nama_kabkota,
    complaints.instansi_tujuan,
    complaints.kanal,
    complaints.jenis,
    complaints.kategori,
    complaints.status,
    complaints.is_open,
    complaints.is_rahasia,
    complaints.is_anonim,
    complaints.tanggal_lapor,
    complaints.tanggal_verifikasi,
    complaints.tanggal_disposisi,
    complaints.tanggal_tindak_lanjut,
    complaints.tanggal_selesai,
    complaints.updated_at,
    complaints.n_versions,
    complaints.verification_working_days,
    complaints.follow_up_working_days,
    complaints.age_working_days,
    complaints.is_verification_done,
    complaints.is_verification_overdue,
    complaints.is_verification_measured,
    complaints.is_verified_on_time,
    complaints.is_follow_up_started,
    complaints.is_follow_up_done,
    complaints.is_follow_up_overdue,
    complaints.is_follow_up_measured,
    complaints.is_followed_up_on_time,
    complaints.is_auto_closed,
    complaints.is_completed_effective,
    complaints.as_of_date

from complaints
left join regencies on complaints.kode_kabkota = regencies.kode_kabkota
