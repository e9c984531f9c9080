-- Every village x programme: targeted, declared live, active in the 30 days ending on the data
-- date, and its letters in that window (serving-v1). Activity follows the programme's rule in
-- ref_program (activity_measure; TTE_KELURAHAN = the contract's TTE letters); a programme with
-- no target village at all has no activity figure (is_active_30d NULL).
with

villages as (

    select * from {{ ref('dim_wilayah') }}

),

programmes as (

    select * from {{ ref('dim_program') }}

),

register as (

    select * from {{ ref('int_rollout_register_deduplicated') }}

),

transactions as (

    select * from {{ ref('fct_service_transactions') }}

),

as_of as (

    select * from {{ ref('int_as_of_date_resolved') }}

),

issued as (

    select
        transactions.kode_wilayah,
        transactions.tanggal_selesai,
        transactions.is_tte,
        transactions.is_online,
        transactions.tanggal_selesai
            between as_of.as_of_date - ({{ var('active_window_days') }} - 1)
            and as_of.as_of_date as is_in_window

    from transactions
    cross join as_of
    where transactions.status = 'selesai'
        and transactions.tanggal_selesai <= as_of.as_of_date

),

village_letters as (

    select
        kode_wilayah,
        count(*) filter (where is_in_window) as letters_30d,
        count(*) filter (where is_in_window and is_tte) as tte_letters_30d,
        count(*) filter (where is_in_window and is_online) as online_letters_30d,
        min(tanggal_selesai) filter (where is_tte) as first_tte_date,
        max(tanggal_selesai) filter (where is_tte) as last_tte_date,
        max(tanggal_selesai) filter (where is_online) as last_online_date

    from issued
    group by 1

),

village_programmes as (

    select
        villages.kode_wilayah,
        villages.nama_wilayah,
        villages.jenis,
        villages.kode_kecamatan,
        villages.nama_kecamatan,
        villages.kode_kabkota,
        villages.nama_kabkota,
        programmes.program,
        programmes.nama_program,
        programmes.activity_measure,
        coalesce(register.is_target, false) as is_target,
        register.tanggal_live,
        coalesce(register.is_target and register.tanggal_live <= as_of.as_of_date, false)
            as is_live,
        coalesce(village_letters.letters_30d, 0) as letters_30d,
        coalesce(village_letters.tte_letters_30d, 0) as tte_letters_30d,
        coalesce(village_letters.online_letters_30d, 0) as online_letters_30d,
        village_letters.first_tte_date,
        case programmes.activity_measure
            when 'tte_letter' then village_letters.last_tte_date
            else village_letters.last_online_date
        end as last_activity_date,
        as_of.as_of_date

    from villages
    cross join programmes
    cross join as_of
    left join register
        on villages.kode_wilayah = register.kode_wilayah
        and programmes.program = register.program
    left join village_letters on villages.kode_wilayah = village_letters.kode_wilayah

),

flagged as (

    select
        {{ star_except(['activity_measure', 'programme_has_targets'], [], [
            'kode_wilayah', 'nama_wilayah', 'jenis', 'kode_kecamatan', 'nama_kecamatan',
            'kode_kabkota', 'nama_kabkota', 'program', 'nama_program', 'activity_measure',
            'is_target', 'tanggal_live', 'is_live', 'letters_30d', 'tte_letters_30d',
            'online_letters_30d', 'first_tte_date', 'last_activity_date', 'as_of_date',
        ]) }},
        case
            when not programme_has_targets then null
            when activity_measure = 'tte_letter' then tte_letters_30d > 0
            else online_letters_30d > 0
        end as is_active_30d

    from (
        select
            *,
            bool_or(is_target) over (partition by program) as programme_has_targets
        from village_programmes
    ) as with_targets

)

select
    *,
    coalesce(is_live and not is_active_30d, false) as is_live_inactive_30d

from flagged
