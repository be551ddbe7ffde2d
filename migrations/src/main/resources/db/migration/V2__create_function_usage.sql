-- What each function has cost: the serverless bill, kept up to date with every transition.
create table function_usage (
    function       text   primary key,
    invocations    bigint not null default 0,
    completed      bigint not null default 0,
    failures       bigint not null default 0,
    retries        bigint not null default 0,
    in_flight      bigint not null default 0,
    compute_millis bigint not null default 0
);

-- Attempt durations as a histogram: bucket b counts durations in [2^(b-1), 2^b) ms.
create table function_durations (
    function text    not null,
    bucket   integer not null,
    count    bigint  not null,
    primary key (function, bucket)
);
