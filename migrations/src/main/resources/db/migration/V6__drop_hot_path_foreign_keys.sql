-- The rows a transition appends (history, step executions) and a start's run row are written only
-- by the transition writer, in the transaction that writes or locks their run: the foreign keys
-- proved nothing the writer does not already guarantee, yet cost a `select … for key share` per
-- row — half of all statements per workflow (ADR 0010). Rare writers keep theirs.
alter table run_events drop constraint if exists run_events_run_id_fkey;
alter table run_steps drop constraint if exists run_steps_run_id_fkey;
alter table runs drop constraint if exists runs_workflow_name_workflow_version_fkey;
