-- Usage deltas, appended with each transition's transaction and folded into function_usage and
-- function_durations about once a second. Appending instead of updating the totals in the
-- transition keeps every run from queueing on its functions' total rows.
create table function_usage_pending (
    id             bigserial primary key,
    function       text   not null,
    invocations    bigint not null,
    completed      bigint not null,
    failures       bigint not null,
    retries        bigint not null,
    in_flight      bigint not null,
    compute_millis bigint not null,
    durations      jsonb  not null
);
