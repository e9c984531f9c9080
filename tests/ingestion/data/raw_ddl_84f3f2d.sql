-- The raw tables as smartprov/base/warehouse.py created them at commit 84f3f2d, before the
-- DDL was derived from the sources' specs (tests/ingestion/test_registry.py compares).
create table if not exists raw.service_logs (
    kode_kabkota varchar not null,
    delivery_date date not null,
    id_transaksi varchar not null,
    kode_wilayah varchar not null,      -- dotted PP.RR.DD.VVVV
    jenis_layanan varchar not null,
    kanal varchar not null,
    waktu_permohonan timestamp not null, -- WIB, no offset
    waktu_selesai timestamp,
    status varchar not null,
    tte boolean not null,
    penandatangan varchar,
    
    _row_number integer not null,
    _source_file varchar not null,
    _file_hash varchar not null,
    _batch_id varchar not null,
    _loaded_at timestamp not null

);

create table if not exists raw.lapor_complaints (
    tracking_id varchar not null,
    tanggal_lapor timestamp not null,
    kanal varchar,
    jenis varchar,
    kategori varchar,
    instansi_tujuan varchar,
    kode_kabkota varchar,
    status varchar not null,
    tanggal_verifikasi timestamp,
    tanggal_disposisi timestamp,
    tanggal_tindak_lanjut timestamp,
    tanggal_selesai timestamp,
    updated_at timestamp not null,
    rahasia boolean not null,
    anonim boolean not null,
    pelapor_key varchar,                -- keyed hash (HMAC-SHA256) of the reporter identity
    isi_laporan varchar,                -- NULL for confidential complaints
    _channel varchar not null,          -- export | api (ingestion.sources.CHANNELS)
    
    _row_number integer not null,
    _source_file varchar not null,
    _file_hash varchar not null,
    _batch_id varchar not null,
    _loaded_at timestamp not null
,
    primary key (tracking_id, updated_at, status)
);

create table if not exists raw.rollout_register (
    kode_wilayah varchar not null,
    program varchar not null,
    target boolean not null,
    tanggal_live date,
    
    _row_number integer not null,
    _source_file varchar not null,
    _file_hash varchar not null,
    _batch_id varchar not null,
    _loaded_at timestamp not null

);

create table if not exists raw.indicator_penduduk (
    kode_kabkota varchar not null, tahun integer not null, jumlah_penduduk bigint not null,
    
    _row_number integer not null,
    _source_file varchar not null,
    _file_hash varchar not null,
    _batch_id varchar not null,
    _loaded_at timestamp not null

);
create table if not exists raw.indicator_pdrb (
    kode_kabkota varchar not null, tahun integer not null,
    pdrb_adhb_miliar double not null, pdrb_adhk_miliar double not null,
    
    _row_number integer not null,
    _source_file varchar not null,
    _file_hash varchar not null,
    _batch_id varchar not null,
    _loaded_at timestamp not null

);
create table if not exists raw.indicator_kemiskinan (
    kode_kabkota varchar not null, tahun integer not null,
    persen_penduduk_miskin double not null, tpt_persen double not null,
    
    _row_number integer not null,
    _source_file varchar not null,
    _file_hash varchar not null,
    _batch_id varchar not null,
    _loaded_at timestamp not null

);
create table if not exists raw.indicator_wisatawan (
    kode_kabkota varchar not null, tahun integer not null, bulan integer not null,
    wisnus_perjalanan bigint not null, wisman_kunjungan bigint not null,
    okupansi_hotel_persen double not null,
    
    _row_number integer not null,
    _source_file varchar not null,
    _file_hash varchar not null,
    _batch_id varchar not null,
    _loaded_at timestamp not null

);
create table if not exists raw.indicator_ispu (
    id_stasiun varchar not null, kode_kabkota varchar not null, tanggal date not null,
    pm25 double, pm10 double, no2 double, so2 double, co double, o3 double,
    ispu integer not null,
    
    _row_number integer not null,
    _source_file varchar not null,
    _file_hash varchar not null,
    _batch_id varchar not null,
    _loaded_at timestamp not null

);
