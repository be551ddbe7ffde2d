-- A child run (started by a parent's `workflow` step) names its parent, so that a run's children
-- can be listed. Null for runs started from outside.
alter table runs add column parent_run_id uuid references runs (run_id);

-- A run's children, newest first; most runs have no parent and stay out of the index.
create index runs_by_parent on runs (parent_run_id, created_at desc, run_id desc)
    where parent_run_id is not null;
