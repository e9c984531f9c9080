"""Indonesian wording for simulated SP4N-LAPOR! complaints: agencies and complaint texts."""

from __future__ import annotations

AGENCY = {
    "administrasi_kependudukan": "Dinas Kependudukan dan Pencatatan Sipil",
    "perizinan": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "lingkungan_hidup": "Dinas Lingkungan Hidup",
    "pariwisata": "Dinas Kepemudaan, Olahraga dan Pariwisata",
    "infrastruktur": "Dinas Pekerjaan Umum dan Penataan Ruang",
    "kesehatan": "Dinas Kesehatan",
    "pendidikan": "Dinas Pendidikan dan Kebudayaan",
    "lainnya": "Sekretariat Daerah",
}

TEMPLATES = {
    "administrasi_kependudukan": (
        "KTP elektronik saya belum jadi sejak {n} minggu lalu di {desa}, mohon kejelasan.",
        "Pengurusan kartu keluarga di kantor {desa} ditolak tanpa alasan yang jelas.",
        "Blangko KTP-el kosong terus di Kecamatan {kec}, warga harus bolak-balik.",
    ),
    "perizinan": (
        "Izin usaha (NIB) saya di {desa} sudah {n} minggu belum terbit.",
        "Pengurusan PBG untuk rumah di Kecamatan {kec} berbelit dan tidak ada kepastian.",
        "Ada pungutan di luar ketentuan saat mengurus izin keramaian di {desa}.",
    ),
    "lingkungan_hidup": (
        "Sampah menumpuk di pinggir jalan {desa} sudah {n} hari tidak diangkut.",
        "Limbah pabrik di Kecamatan {kec} mencemari sungai, air berbau dan ikan mati.",
        "Pembakaran sampah terbuka di {desa} setiap malam, asap masuk ke rumah warga.",
    ),
    "pariwisata": (
        "Retribusi masuk objek wisata di {desa} tidak sesuai tarif resmi.",
        "Toilet dan parkir di tempat wisata Kecamatan {kec} kotor dan tidak terawat.",
        "Akses jalan menuju desa wisata {desa} rusak parah, wisatawan enggan datang.",
    ),
    "infrastruktur": (
        "Jalan di {desa} berlubang sepanjang {n}00 meter, sudah banyak pengendara jatuh.",
        "Lampu penerangan jalan di Kecamatan {kec} mati sejak {n} minggu.",
        "Jembatan penghubung di {desa} retak dan membahayakan anak sekolah.",
    ),
    "kesehatan": (
        "Antrean di puskesmas Kecamatan {kec} sangat panjang, pelayanan lambat.",
        "Pasien BPJS di {desa} diminta membayar obat yang seharusnya ditanggung.",
        "Ambulans desa {desa} tidak bisa dihubungi saat dibutuhkan.",
    ),
    "pendidikan": (
        "Sekolah di {desa} meminta sumbangan wajib kepada orang tua murid.",
        "Sistem zonasi PPDB di Kecamatan {kec} tidak transparan.",
        "Ruang kelas SD di {desa} bocor saat hujan dan belum diperbaiki.",
    ),
    "lainnya": (
        "Bantuan sosial di {desa} tidak tepat sasaran, mohon pendataan ulang.",
        "Pelayanan di kantor Kecamatan {kec} tutup sebelum jam kerja berakhir.",
        "Mohon informasi jadwal pasar murah di {desa}.",
    ),
}
