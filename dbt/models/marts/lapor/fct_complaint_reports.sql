-- Every report of both complaint channels, one row per report per channel: SP4N-LAPOR!
-- complaints and LaporGub! tickets in one shape (LaporGub statuses mapped to LAPOR's lifecycle
-- in `status`, as delivered in `status_channel`). A LaporGub ticket whose rujukan_lapor names a
-- delivered LAPOR complaint is the same report (is_in_both on both rows): totals count it once
-- (is_counted_once), through its SP4N-LAPOR! row -- the national system's timestamps measure
-- its service level and its regency places it. Each channel's own figures use every row of
-- that channel. No reporter identity and no report text.
with

lapor as (

    select * from {{ ref('int_lapor_complaints_sla_measured') }}

),

laporgub as (

    select * from {{ ref('int_laporgub_reports_sla_measured') }}

),

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

linked as (

    select distinct laporgub.rujukan_lapor as tracking_id
    from laporgub
    inner join lapor on laporgub.rujukan_lapor = lapor.tracking_id

),

unioned as (

    select
        'lapor' as channel,
        lapor.tracking_id as report_id,
        lapor.tracking_id as tracking_id_lapor,
        linked.tracking_id is not null as is_in_both,
        true as is_counted_once,
        lapor.kode_kabkota, lapor.instansi_tujuan, lapor.kanal, lapor.jenis, lapor.kategori,
        lapor.status, lapor.status as status_channel, lapor.is_open,
        lapor.tanggal_lapor, lapor.tanggal_verifikasi, lapor.tanggal_selesai, lapor.updated_at,
        {{ sla_columns('lapor') }}
    from lapor
    left join linked on lapor.tracking_id = linked.tracking_id

    union all

    select
        'laporgub' as channel,
        laporgub.no_tiket as report_id,
        laporgub.rujukan_lapor as tracking_id_lapor,
        linked.tracking_id is not null as is_in_both,
        linked.tracking_id is null as is_counted_once,
        laporgub.kode_kabkota, laporgub.opd_tujuan, laporgub.kanal, laporgub.jenis,
        laporgub.kategori,
        case laporgub.status
            when 'belum_diverifikasi' then 'menunggu_verifikasi'
            when 'diverifikasi' then 'terverifikasi'
            when 'proses' then
                case when laporgub.tanggal_respon is null then 'didisposisikan'
                    else 'ditindaklanjuti' end
            when 'tidak_layak' then 'diarsipkan'
            else laporgub.status
        end,
        laporgub.status, laporgub.is_open,
        laporgub.tanggal_masuk, laporgub.tanggal_verifikasi, laporgub.tanggal_selesai,
        laporgub.diperbarui_pada,
        {{ sla_columns('laporgub') }}
    from laporgub
    left join linked on laporgub.rujukan_lapor = linked.tracking_id

)

select
    unioned.channel,
    unioned.report_id,
    unioned.tracking_id_lapor,
    unioned.is_in_both,
    unioned.is_counted_once,
    unioned.kode_kabkota,
    regencies.nama_kabkota,
    unioned.instansi_tujuan,
    unioned.kanal,
    unioned.jenis,
    unioned.kategori,
    unioned.status,
    unioned.status_channel,
    unioned.is_open,
    unioned.tanggal_lapor,
    unioned.tanggal_verifikasi,
    unioned.tanggal_selesai,
    unioned.updated_at,
    {{ sla_columns('unioned') }}

from unioned
left join regencies on unioned.kode_kabkota = regencies.kode_kabkota
