-- A result writes what it changes, whatever the run's size (ADR 0005). A run's row keeps only its
-- hot state; each step execution is a row of its own, rewritten only when that execution changes;
-- a forEach's list of items is written once, beside its execution. The run's own timers live in
-- its state and its earliest one is indexed as wake_at, so a timer costs no rows of its own.

create table run_steps (
    run_id  uuid    not null references runs (run_id),
    step_id text    not null,
    -- the execution's place among the run's executions, in the order they started
    seq     integer not null,
    data    jsonb   not null,
    -- a forEach's items, written once when it starts iterating
    items   jsonb,
    primary key (run_id, step_id)
);

alter table runs
    add column input       jsonb,
    -- one more with every transition: a cached state is current when its version matches
    add column version     bigint not null default 0,
    -- when the run's earliest timer fires
    add column wake_at     timestamptz,
    -- an open incident: events for the run are kept, not applied, until an operator acts
    add column incident_id bigint;

insert into run_steps (run_id, step_id, seq, data, items)
select r.run_id,
       s.value ->> 'stepId',
       (s.ordinality - 1)::integer,
       s.value - 'items',
       nullif(s.value -> 'items', 'null'::jsonb)
from runs r
cross join lateral jsonb_array_elements(r.state -> 'steps') with ordinality as s(value, ordinality);

-- What a parent run asks of a child run: STOP, or COMPENSATE:<stepId>:<attempt> (the parent's
-- compensation attempt that waits for it). Consumed in the child's transition, exactly once.
create table run_requests (
    run_id      uuid        not null references runs (run_id),
    request_key text        not null,
    created_at  timestamptz not null,
    primary key (run_id, request_key)
);
create index run_requests_by_created on run_requests (created_at);

insert into run_requests (run_id, request_key, created_at)
select run_id, case when timer_key = 'CANCEL' then 'STOP' else timer_key end, fire_at
from timers
where timer_key = 'CANCEL' or timer_key like 'COMPENSATE:%';

update runs r set
    input = r.state -> 'input',
    state = (r.state - 'steps' - 'input' - 'compensationOrder')
            || jsonb_build_object('timers', coalesce(
                   (select jsonb_object_agg(t.timer_key,
                               to_char(t.fire_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                    from timers t
                    where t.run_id = r.run_id
                      and t.timer_key <> 'CANCEL' and t.timer_key not like 'COMPENSATE:%'),
                   '{}'::jsonb)),
    wake_at = (select min(t.fire_at) from timers t
               where t.run_id = r.run_id
                 and t.timer_key <> 'CANCEL' and t.timer_key not like 'COMPENSATE:%');

alter table runs alter column input set not null;

drop table timers;

create index runs_by_wake on runs (wake_at) where wake_at is not null;

-- The outbox is relayed per shard (the run's partition of the results topic), by one orchestrator
-- at a time, in id order: a run's messages leave in the order they were committed.
alter table outbox add column shard smallint not null default 0;
create index outbox_by_shard on outbox (shard, id);

-- A run whose event could not be applied or saved: the error, and the events kept meanwhile.
create table incidents (
    id          bigserial   primary key,
    run_id      uuid        not null references runs (run_id),
    kind        text        not null,
    error       text        not null,
    opened_at   timestamptz not null,
    resolved_at timestamptz,
    resolution  text
);
create index incidents_by_run on incidents (run_id, id);
create index incidents_open on incidents (opened_at desc) where resolved_at is null;

create table incident_events (
    incident_id bigint      not null references incidents (id),
    seq         integer     not null,
    -- the event as JSON in UTF-8; bytes, because it may hold what PostgreSQL text cannot (U+0000)
    event       bytea       not null,
    received_at timestamptz not null,
    primary key (incident_id, seq)
);

-- How far each orchestrator has applied the results topic: every result sent before seen_until is
-- applied. An attempt's timeout fires only once every orchestrator's seen_until passed it, so a
-- timeout never fires on a result that is waiting, unread, in Kafka.
create table result_watermarks (
    member     text        primary key,
    seen_until timestamptz not null,
    updated_at timestamptz not null
);
