-- The nation per programme: Σ over the provinces that exported, rates as Σ/Σ, and how many
-- provinces the totals include, are late or are missing (a total never hides who is absent).
with

provinces as (select * from {{ ref('mart_national_rollout_provinsi') }}),

final as (

    select
        program,
        {{ count_if("status_data <> 'belum mengirim'") }} as provinces_included,
        {{ count_if("status_data = 'terlambat'") }} as provinces_late,
        {{ count_if("status_data = 'belum mengirim'") }} as provinces_missing,
        cast(sum(target_villages) as bigint) as target_villages,
        cast(sum(live_villages) as bigint) as live_villages,
        cast(sum(active_villages_30d) as bigint) as active_villages_30d,
        cast(sum(letters_30d) as bigint) as letters_30d,
        cast(sum(tte_letters_30d) as bigint) as tte_letters_30d,
        {{ ratio('sum(live_villages)', 'sum(target_villages)') }} as live_share,
        {{ ratio('sum(active_villages_30d)', 'sum(target_villages)') }} as active_share_30d,
        {{ ratio('sum(tte_letters_30d)', 'sum(letters_30d)') }} as tte_share_30d,
        max(as_of_date) as latest_as_of_date

    from provinces
    group by program

)

select * from final
