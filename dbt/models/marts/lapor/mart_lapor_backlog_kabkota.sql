-- Open complaints per regency/city (all of them) by age in working days since submission.
-- open_complaints counts jenis = pengaduan, open_reports every jenis (lapor-v1 v1.1).
with

regencies as (

    select * from {{ ref('dim_kabkota') }}

),

complaints as (

    -- both channels, a report in both counted once (fct_complaint_reports)
    select * from {{ ref('fct_complaint_reports') }} where is_counted_once

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

buckets as (

    select * from (
        values
            (1, '0-3 hari kerja', 0, 3),
            (2, '4-5 hari kerja', 4, 5),
            (3, '6-10 hari kerja', 6, 10),
            (4, '11-20 hari kerja', 11, 20),
            (5, '>20 hari kerja', 21, 1000000)
    ) as b (bucket_order, age_bucket, min_working_days, max_working_days)

),

open_complaints as (

    select
        kode_kabkota,
        jenis,
        greatest(coalesce(age_working_days, 0), 0) as age_working_days
    from complaints
    where is_open and kode_kabkota is not null

),

final as (

    select
        regencies.kode_kabkota,
        regencies.nama_kabkota,
        buckets.bucket_order,
        buckets.age_bucket,
        buckets.min_working_days,
        count(open_complaints.kode_kabkota) filter (
            where open_complaints.jenis = 'pengaduan'
        ) as open_complaints,
        count(open_complaints.kode_kabkota) as open_reports,
        as_of.as_of_date

    from regencies
    cross join buckets
    cross join as_of
    left join open_complaints
        on regencies.kode_kabkota = open_complaints.kode_kabkota
        and open_complaints.age_working_days
            between buckets.min_working_days and buckets.max_working_days
    group by
        regencies.kode_kabkota,
        regencies.nama_kabkota,
        buckets.bucket_order,
        buckets.age_bucket,
        buckets.min_working_days,
        as_of.as_of_date

)

select * from final
