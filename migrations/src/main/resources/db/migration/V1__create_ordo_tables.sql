-- Ordo's durable state. The contract between orchestrator instances: every state change of a run,
-- the history entries and outgoing messages it causes, and its timers commit in one transaction.

-- Every deployed version of every workflow; the same content deployed again is found by its hash.
create table workflow_versions (
    name         text        not null,
    version      integer     not null,
    content_hash text        not null,
    yaml         text        not null,
    created_at   timestamptz not null,
    primary key (name, version),
    unique (name, content_hash)
);

-- One row per run. `state` is the engine's whole run state (JSON); the other columns copy what
-- listing and filtering need, so that lists never parse state.
create table runs (
    run_id           uuid        primary key,
    workflow_name    text        not null,
    workflow_version integer     not null,
    status           text        not null,
    idempotency_key  text,
    state            jsonb       not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    finished_at      timestamptz,
    foreign key (workflow_name, workflow_version) references workflow_versions (name, version),
    unique (workflow_name, idempotency_key)
);

-- Keyset pagination, newest first, with or without a filter.
create index runs_by_created on runs (created_at desc, run_id desc);
create index runs_by_workflow on runs (workflow_name, created_at desc, run_id desc);
create index runs_by_status on runs (status, created_at desc, run_id desc);

-- A run's history, in the order it happened.
create table run_events (
    id      bigserial   primary key,
    run_id  uuid        not null references runs (run_id),
    type    text        not null,
    at      timestamptz not null,
    data    jsonb       not null
);
create index run_events_by_run on run_events (run_id, id);

-- Transactional outbox: written with the state change, relayed to Kafka, then deleted.
create table outbox (
    id          bigserial   primary key,
    topic       text        not null,
    message_key text        not null,
    payload     bytea       not null,
    traceparent text,
    created_at  timestamptz not null
);

-- Durable timers: retry backoff, attempt timeouts, run timeouts. A timer fires at most once:
-- it is deleted in the transaction that applies it.
create table timers (
    run_id    uuid        not null references runs (run_id),
    timer_key text        not null,
    fire_at   timestamptz not null,
    primary key (run_id, timer_key)
);
create index timers_by_fire_at on timers (fire_at);
