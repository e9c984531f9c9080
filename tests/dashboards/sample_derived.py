"""The further marts of the sample serving database (tests/dashboards/sample_serving.py),
derived in SQL from its base tables."""

from __future__ import annotations

# The further marts, derived in SQL from the tables above (deterministic arithmetic, no random).
DERIVED = (
    """
    create table marts.mart_rollout_inactive_villages as
    select rv.kode_wilayah, w.nama_wilayah, w.jenis, w.nama_kecamatan, rv.kode_kabkota,
        rv.nama_kabkota, rv.program, rv.tanggal_live,
        date_diff('day', rv.tanggal_live, rv.as_of_date) as days_since_live,
        cast(null as date) as last_activity_date, rv.letters_30d, rv.tte_letters_30d,
        cast(substr(rv.kode_kabkota, 4, 2) as integer) % 7 <> 3 as is_regency_delivering_30d,
        case when cast(substr(rv.kode_kabkota, 4, 2) as integer) % 7 = 3
            then 'kab/kota belum mengirim data' else 'tidak aktif' end as keterangan,
        rv.as_of_date
    from marts.mart_rollout_village as rv
    join marts.dim_wilayah as w using (kode_wilayah)
    where rv.is_live and not rv.is_active_30d
    """,
    """
    create table marts.mart_adoption_monthly as
    with k as (
        select kode_kabkota, nama_kabkota, cast(substr(kode_kabkota, 4, 2) as integer) as i
        from marts.mart_rollout_kabkota
    ),
    l as (
        select * from (values
            ('SKTM', 'Surat Keterangan Tidak Mampu', 1),
            ('PENGANTAR_SKCK', 'Surat Pengantar SKCK', 2),
            ('DOMISILI_USAHA', 'Surat Keterangan Domisili Usaha', 3)
        ) as t (jenis_layanan, nama_layanan, j)
    ),
    m as (
        select cast(bulan as date) as bulan, row_number() over (order by bulan) as n
        from generate_series(date '2026-08-01', date '2026-10-01', interval 1 month)
            as g (bulan)
    ),
    c as (select * from (values ('web', 1), ('loket', 2)) as t (kanal, h)),
    base as (
        select k.kode_kabkota, k.nama_kabkota, m.bulan, l.jenis_layanan, l.nama_layanan,
            c.kanal, 20 + (k.i * 7 + l.j * 5 + m.n * 3 + c.h) % 40 as requests,
            k.i, l.j, m.n, c.h
        from k cross join l cross join m cross join c
    )
    select kode_kabkota, nama_kabkota, bulan, jenis_layanan, nama_layanan, kanal, requests,
        requests * 8 // 10 as letters_issued,
        (requests * 8 // 10) * (30 + (i * 3 + n * 11 + j) % 60) // 100 as tte_letters_issued,
        requests // 10 as requests_rejected,
        (i + j + n) % 3 as requests_failed,
        requests - requests * 8 // 10 - requests // 10 - (i + j + n) % 3
            as requests_in_progress,
        4.0 + (i * 13 + j * 7 + n) % 40 as processing_hours_median,
        12.0 + (i * 13 + j * 7 + n) % 60 as processing_hours_p90,
        (requests * 8 // 10) * (1 + (i + j) % 3) as processing_working_days_total,
        1.0 + (i + j) % 3 as processing_working_days_median,
        3.0 + (i + j) % 4 as processing_working_days_p90,
        (requests - requests * 8 // 10 - requests // 10 - (i + j + n) % 3) * (2 + i % 5)
            as open_age_working_days_total,
        2.0 + i % 5 as open_age_working_days_median,
        4 + i % 7 as open_age_working_days_max
    from base
    """,
    """
    create table marts.mart_adoption_kabkota_monthly as
    select kode_kabkota, any_value(nama_kabkota) as nama_kabkota, bulan,
        sum(requests) as requests, sum(letters_issued) as letters_issued,
        sum(tte_letters_issued) as tte_letters_issued,
        sum(requests_rejected) as requests_rejected, sum(requests_failed) as requests_failed,
        sum(requests_in_progress) as requests_in_progress,
        median(processing_hours_median) as processing_hours_median,
        max(processing_hours_p90) as processing_hours_p90,
        sum(processing_working_days_total) as processing_working_days_total,
        median(processing_working_days_median) as processing_working_days_median,
        max(processing_working_days_p90) as processing_working_days_p90,
        sum(open_age_working_days_total) as open_age_working_days_total,
        median(open_age_working_days_median) as open_age_working_days_median,
        max(open_age_working_days_max) as open_age_working_days_max,
        date '2026-10-31' as as_of_date
    from marts.mart_adoption_monthly
    group by kode_kabkota, bulan
    """,
    """
    create table marts.mart_delivery_status_kabkota as
    select kode_kabkota, nama_kabkota,
        date '2026-10-31' - cast(i % 7 = 3 as integer) * 3 as last_delivery_date,
        cast(i % 7 = 3 as integer) * 3 as days_behind,
        30 - cast(i % 7 = 3 as integer) * 3 as days_delivered_30d,
        i % 2 as files_quarantined,
        case when i % 7 = 3 then 'stale' else 'current' end as delivery_status,
        date '2026-10-31' as as_of_date
    from (select *, cast(substr(kode_kabkota, 4, 2) as integer) as i
          from marts.mart_lapor_sla_kabkota)
    """,
    """
    create table marts.mart_delivery_receipts as
    select 'b-' || kode_kabkota || '-' || d as batch_id, kode_kabkota, nama_kabkota,
        'service_logs' as source,
        'service_logs/' || kode_kabkota || '/' || (date '2026-10-31' - d) || '.csv'
            as relative_path,
        date '2026-10-31' - d as delivery_date,
        timestamp '2026-11-01 06:00:00' - d * interval 1 day as loaded_at,
        true as is_current, 100 as rows_delivered, 100 - (i + d) % 3 as rows_loaded,
        (i + d) % 3 as rows_quarantined, false as is_file_quarantined,
        case when (i + d) % 3 > 0 then 'diterima_sebagian' else 'diterima' end
            as receipt_status,
        case when (i + d) % 3 > 0 then 'Diterima sebagian' else 'Diterima seluruhnya' end
            as status_penerimaan,
        null::varchar as file_reason_code, null::varchar as file_reason,
        case when (i + d) % 3 > 0 then 'Kanal tidak dikenal: ' || (i + d) % 3 || ' baris' end
            as row_reasons,
        'receipts/' || kode_kabkota || '/' || (date '2026-10-31' - d) || '_b.html'
            as receipt_path
    from (select *, cast(substr(kode_kabkota, 4, 2) as integer) as i
          from marts.mart_lapor_sla_kabkota),
         (select cast(range as integer) as d from range(3))
    """,
    """
    create table marts.fct_lapor_complaints as
    with k as (
        select kode_kabkota, nama_kabkota, cast(substr(kode_kabkota, 4, 2) as integer) as i
        from marts.mart_lapor_sla_kabkota
    ),
    n as (select range as n from range(12))
    select 'LAPOR-' || replace(k.kode_kabkota, '.', '') || '-' || n.n as tracking_id,
        k.kode_kabkota, k.nama_kabkota,
        case n.n % 3 when 0 then 'Dinas Kesehatan ' || k.nama_kabkota
            when 1 then 'Dinas PUPR ' || k.nama_kabkota
            else 'Dinas Kependudukan dan Pencatatan Sipil Provinsi Jawa Tengah'
        end as instansi_tujuan,
        ['perizinan', 'pariwisata', 'infrastruktur', 'lingkungan_hidup',
         'kesehatan', 'pendidikan'][1 + (k.i + n.n) % 6] as kategori,
        ['pengaduan', 'pengaduan', 'aspirasi', 'permintaan_informasi'][1 + (k.i + n.n) % 4]
            as jenis,
        case when (k.i + n.n) % 4 = 0 then 'ditindaklanjuti' else 'selesai' end as status,
        (k.i + n.n) % 4 = 0 as is_open,
        timestamp '2026-05-01 08:00:00' + to_days((k.i * 5 + n.n * 13) % 180) as tanggal_lapor,
        true as is_verification_measured,
        (k.i + n.n) % 5 <> 0 as is_verified_on_time,
        true as is_follow_up_measured,
        (k.i * 2 + n.n) % 3 <> 0 as is_followed_up_on_time,
        date '2026-10-31' as as_of_date
    from k cross join n
    """,
    """
    create table marts.mart_lapor_sla_kabkota_monthly as
    with m as (
        select * from (values (date '2026-08-01', 0), (date '2026-09-01', 1),
            (date '2026-10-01', 2)) as t (bulan, k)
    )
    select s.kode_kabkota, s.nama_kabkota, m.bulan,
        {split}
        case m.k when 2 then s.complaints_selesai // 10 else 0 end as complaints_auto_closed,
        case m.k when 2 then s.complaints - 2 * (s.complaints // 3) else s.complaints // 3 end
            + 1 as reports,
        1 as reports_aspirasi,
        0 as reports_permintaan_informasi,
        case m.k when 2 then s.complaints_open - 2 * (s.complaints_open // 3)
            else s.complaints_open // 3 end as reports_open,
        s.as_of_date
    from marts.mart_lapor_sla_kabkota as s cross join m
    """.replace(
        "{split}",
        "".join(
            f"case m.k when 2 then s.{c} - 2 * (s.{c} // 3) else s.{c} // 3 end as {c}, "
            for c in (
                "complaints",
                "complaints_not_archived",
                "complaints_selesai",
                "complaints_open",
                "verification_measured",
                "verified_on_time",
                "follow_up_measured",
                "followed_up_on_time",
            )
        ),
    ),
    """
    create table marts.mart_lapor_kategori_kabkota as
    select kode_kabkota, nama_kabkota, kategori, count(*) as complaints,
        count(*) as complaints_12m, count(*) filter (where is_open) as complaints_open,
        date '2026-10-31' as as_of_date
    from marts.fct_lapor_complaints
    group by all
    """,
    """
    create table marts.mart_lapor_backlog_kabkota as
    select s.kode_kabkota, s.nama_kabkota, b.bucket_order, b.age_bucket,
        (cast(substr(s.kode_kabkota, 4, 2) as integer) + b.bucket_order) % 4 as open_complaints,
        date '2026-10-31' as as_of_date
    from marts.mart_lapor_sla_kabkota as s
    cross join (values (1, '0-3 hari kerja'), (2, '4-5 hari kerja'), (3, '6-10 hari kerja'),
        (4, '11-20 hari kerja'), (5, '>20 hari kerja')) as b (bucket_order, age_bucket)
    """,
    """
    create table marts.mart_scorecard_dimension_kabkota as
    with d as (
        select kode_kabkota, tahun, dimension, avg(score) as score
        from marts.mart_scorecard_kabkota group by all
        union all
        select kode_kabkota, tahun, 'overall', avg(score)
        from marts.mart_scorecard_kabkota group by all
    ),
    -- both sample years are complete (before the data date's year): all ranked
    r as (
        select d.*, w.nama_kabkota,
            rank() over (partition by tahun, dimension order by score desc) as rank
        from d join (select distinct kode_kabkota, nama_kabkota from marts.dim_wilayah) as w
            using (kode_kabkota)
    )
    select kode_kabkota, nama_kabkota, tahun, dimension, 'lengkap' as period_status, score,
        rank, cast(null as varchar) as unranked_reason,
        score - lag(score) over p as score_change, lag(rank) over p - rank as rank_change
    from r
    window p as (partition by kode_kabkota, dimension order by tahun)
    """,
    """
    create table marts.mart_economy_kabkota as
    select s.kode_kabkota, s.nama_kabkota, y.tahun,
        25.0 + (i * 17 + y.tahun) % 90 as grdp_per_capita_juta,
        0.03 + ((i * 7 + y.tahun) % 30) / 1000.0 as grdp_real_growth,
        0.05 + ((i * 11) % 120) / 1000.0 as poverty_rate,
        0.03 + ((i * 5) % 60) / 1000.0 as unemployment_rate
    from (select *, cast(substr(kode_kabkota, 4, 2) as integer) as i
          from marts.mart_lapor_sla_kabkota) as s
    cross join (values (2024), (2025)) as y (tahun)
    """,
    """
    create table marts.mart_environment_kabkota as
    select s.kode_kabkota, s.nama_kabkota, y.tahun,
        0.6 + ((i * 13 + y.tahun) % 39) / 100.0 as ispu_good_moderate_share,
        12.0 + (i * 3 + y.tahun) % 30 as pm25_annual_mean,
        1 + i % 3 as stations
    from (select *, cast(substr(kode_kabkota, 4, 2) as integer) as i
          from marts.mart_lapor_sla_kabkota) as s
    cross join (values (2024), (2025)) as y (tahun)
    """,
    """
    create table marts.mart_tourism_kabkota as
    select s.kode_kabkota, s.nama_kabkota, y.tahun,
        cast(100000 + (i * 7919 + y.tahun * 13) % 900000 as bigint) as domestic_trips,
        cast((i * 131 + y.tahun) % 5000 as bigint) as foreign_visits,
        0.3 + ((i * 9 + y.tahun) % 40) / 100.0 as hotel_occupancy_rate
    from (select *, cast(substr(kode_kabkota, 4, 2) as integer) as i
          from marts.mart_lapor_sla_kabkota) as s
    cross join (values (2024), (2025)) as y (tahun)
    """,
    # the marts shaped for one dashboard (dbt/models/marts/*/*_dashboard.sql), same SQL here
    """
    create table marts.mart_rollout_kabkota_dashboard as
    with target_jenis as (
        select rv.kode_kabkota, rv.program,
            count(*) filter (where w.jenis = 'kelurahan') as n_kelurahan,
            count(*) filter (where w.jenis = 'desa') as n_desa
        from marts.mart_rollout_village as rv
        join marts.dim_wilayah as w using (kode_wilayah)
        where rv.is_target
        group by all
    )
    ,
    villages as (
        select w.kode_kabkota, count(*) as village_count,
            count(*) filter (where rv.tte_letters_30d > 0) as tte_villages_30d
        from marts.dim_wilayah as w
        left join marts.mart_rollout_village as rv
            on rv.kode_wilayah = w.kode_wilayah and rv.program = 'TTE_KELURAHAN'
        group by all
    )
    select r.kode_kabkota, r.nama_kabkota, r.program, r.target_villages, r.live_villages,
        r.active_villages_30d, r.live_active_villages_30d, r.as_of_date,
        r.nama_kabkota || ': ' || r.live_villages || ' dari ' || r.target_villages || ' '
        || case when coalesce(j.n_desa, 0) = 0 then 'kelurahan'
            when coalesce(j.n_kelurahan, 0) = 0 then 'desa' else 'desa/kelurahan' end as label,
        v.village_count, v.tte_villages_30d,
        v.tte_villages_30d / v.village_count as tte_coverage_30d,
        r.live_villages / nullif(r.target_villages, 0) as live_share,
        r.nama_kabkota || ': ' || r.live_villages || ' dari ' || r.target_villages
        || ' kelurahan sudah live; ' || coalesce(r.live_active_villages_30d, 0)
        || ' di antaranya menerbitkan surat ber-TTE dalam 30 hari' as label_cakupan
    from marts.mart_rollout_kabkota as r
    left join target_jenis as j using (kode_kabkota, program)
    left join villages as v using (kode_kabkota)
    """,
    """
    create table marts.mart_scorecard_dimension_dashboard as
    select kode_kabkota, nama_kabkota, tahun, dimension,
        case dimension when 'overall' then 'Keseluruhan' when 'governance' then 'Tata kelola'
            when 'economy' then 'Ekonomi' when 'environment' then 'Lingkungan'
            when 'tourism' then 'Pariwisata' else dimension end as dimensi,
        period_status, 'tahun lengkap' as status_periode,
        coalesce(unranked_reason, 'diperingkat') as keterangan,
        score, rank, rank_change,
        coalesce(tahun = max(tahun) filter (where score is not null)
            over (partition by dimension), false) as is_latest_year,
        cast(tahun as varchar) as tahun_label,
        case dimension when 'overall' then 'Keseluruhan' when 'governance' then 'Tata kelola'
            when 'economy' then 'Ekonomi' when 'environment' then 'Lingkungan'
            when 'tourism' then 'Pariwisata' else dimension end || ' ' || tahun as dimensi_tahun
    from marts.mart_scorecard_dimension_kabkota
    """,
    *(
        f"""
    create table marts.{table}_dashboard as
    select *, coalesce(tahun = max(tahun) filter (where {column} is not null) over (), false)
        as is_latest_year, cast(tahun as varchar) as tahun_label, false as is_running_year{extra}
    from marts.{table}
    """
        for table, column, extra in (
            ("mart_economy_kabkota", "grdp_per_capita_juta", ""),
            (
                "mart_environment_kabkota",
                "pm25_annual_mean",
                ", stations || ' stasiun' as keterangan_stasiun",
            ),
            ("mart_tourism_kabkota", "domestic_trips", ""),
        )
    ),
    """
    create table marts.mart_lapor_sla_jenis_kabkota as
    select kode_kabkota, any_value(nama_kabkota) as nama_kabkota, jenis,
        upper(substr(jenis, 1, 1)) || replace(substr(jenis, 2), '_', ' ') as nama_jenis,
        count(*) as reports, count(*) filter (where is_open) as reports_open,
        count(*) filter (where is_verification_measured) as verification_measured,
        count(*) filter (where is_verified_on_time) as verified_on_time,
        count(*) filter (where is_follow_up_measured) as follow_up_measured,
        count(*) filter (where is_followed_up_on_time) as followed_up_on_time,
        date '2026-10-31' as as_of_date
    from marts.fct_lapor_complaints
    group by kode_kabkota, jenis
    """,
    """
    create table marts.mart_target_capaian as
    select * from (values
        ('provinsi', null, 'Provinsi Jawa Tengah', 'GOV_TTE_LIVE_SHARE', 'Desa/kelurahan live',
         'governance', 'fraction', 2026, '2026 (Jan–Okt, berjalan)', true, 0.7, 0.8,
         'RPJMD Provinsi Jawa Tengah 2025–2029, Tabel 6.2', 'ditetapkan',
         cast(null as double), 'tahun berjalan: capaian dihitung setelah tahun berakhir'),
        ('kabkota', '33.76', 'Kota Tegal', 'ECO_POVERTY_RATE', 'Penduduk miskin', 'economy',
         'fraction', 2025, '2025', false, 0.07, 0.065, 'RPJMD Kota Tegal 2025–2029',
         'usulan (belum ditetapkan)', 0.065 / 0.07, 'capaian dihitung'),
        ('kabkota', '33.01', 'Kabupaten Cilacap', 'ECO_POVERTY_RATE', 'Penduduk miskin',
         'economy', 'fraction', 2025, '2025', false, 0.1, null, null, null, null,
         'belum ada target')
    ) as t (tingkat, kode_kabkota, nama_wilayah, indicator_code, nama_indikator, dimension,
        unit, tahun, tahun_label, is_running_year, actual_value, target, dokumen,
        status_target_label, capaian, keterangan)
    """,
    # both complaint channels (LaporGub!): the channel split of the combined mart (complaints =
    # lapor + laporgub - in both), the combined fact and each channel's own figures
    """
    alter table marts.mart_lapor_sla_kabkota add column complaints_lapor bigint;
    alter table marts.mart_lapor_sla_kabkota add column complaints_laporgub bigint;
    alter table marts.mart_lapor_sla_kabkota add column complaints_in_both bigint;
    update marts.mart_lapor_sla_kabkota set complaints_lapor = complaints // 5,
        complaints_in_both = complaints // 20,
        complaints_laporgub = complaints - complaints // 5 + complaints // 20
    """,
    """
    create table marts.fct_complaint_reports as
    select 'lapor' as channel, tracking_id as report_id, false as is_in_both,
        true as is_counted_once, *
    from marts.fct_lapor_complaints
    """,
    """
    create table marts.mart_lapor_sla_channel_kabkota as
    select kode_kabkota, nama_kabkota, c.channel, c.nama_channel,
        case c.channel when 'lapor' then complaints_lapor else complaints_laporgub end
            as complaints,
        complaints_in_both,
        case c.channel when 'lapor' then complaints_lapor else complaints_laporgub end
            as reports,
        {split}
        as_of_date
    from marts.mart_lapor_sla_kabkota
    cross join (values ('lapor', 'SP4N-LAPOR!', 5), ('laporgub', 'LaporGub!', 1))
        as c (channel, nama_channel, share)
    """.replace(
        "{split}",
        "".join(
            f"{c} * c.share // 6 as {c}, "
            for c in (
                "complaints_not_archived",
                "complaints_selesai",
                "complaints_open",
                "verification_measured",
                "verified_on_time",
                "follow_up_measured",
                "followed_up_on_time",
            )
        ),
    ),
)
