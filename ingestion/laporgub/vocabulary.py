"""Closed value sets of LaporGub! (laporgub-v1). ``jenis`` and ``kategori`` share SP4N-LAPOR!'s
vocabulary (the contract says so), so they are taken from it, not copied."""

from __future__ import annotations

from ingestion.vocabulary import LAPOR_JENIS, LAPOR_KATEGORI

REQUIRED = ("no_tiket", "tanggal_masuk", "kanal", "status", "diperbarui_pada")
TIMESTAMPS = (
    "tanggal_masuk",
    "tanggal_verifikasi",
    "tanggal_respon",
    "tanggal_selesai",
    "diperbarui_pada",
)
PERSONAL_FIELDS = ("pelapor_nama", "pelapor_telepon", "pelapor_akun")
# every field of an export row, in the contract's table order
COLUMNS = (
    "no_tiket",
    "tanggal_masuk",
    "kanal",
    "jenis",
    "kategori",
    "opd_tujuan",
    "kode_kabkota",
    "status",
    "tanggal_verifikasi",
    "tanggal_respon",
    "tanggal_selesai",
    "diperbarui_pada",
    "rujukan_lapor",
    *PERSONAL_FIELDS,
    "isi",
)
KANAL = ("sms", "whatsapp", "web", "twitter", "facebook", "instagram", "email", "telepon")
# a report's lifecycle, in order (tidak_layak: not eligible, returned or outside the province's
# authority -- an end state like selesai)
STATUS = ("belum_diverifikasi", "diverifikasi", "proses", "selesai", "tidak_layak")
JENIS = LAPOR_JENIS
KATEGORI = LAPOR_KATEGORI
# a ticket number or a LAPOR tracking id: short codes (the contract's example: LG-2026-0012345)
TICKET = "[A-Za-z0-9][A-Za-z0-9._/-]{0,63}"
# a social-media handle after normalising (lower case, no leading @)
HANDLE = "[a-z0-9._]{1,64}"
