-- Loads an operator cancels (POST /loads/{id}/cancel, docs/API.md "Cancelling a load").
--
-- 1. A load and its objects may end 'cancelled'. The words come from LoadStatus and ItemStatus
--    (StatusWordsTest holds these constraints to them).
alter table load_run drop constraint load_run_status_check;
alter table load_run add constraint load_run_status_check
    check (status in ('queued', 'running', 'succeeded', 'failed', 'interrupted', 'cancelled'));
alter table load_item drop constraint load_item_status_check;
alter table load_item add constraint load_item_status_check
    check (status in ('queued', 'running', 'done', 'skipped', 'failed', 'cancelled'));

-- 2. A running load asked to stop: its workers (on whichever instance) let their batches in flight
--    commit and start nothing new; the load ends 'cancelled' once none of its objects is being
--    written. Set once; no worker claims an object of such a load.
alter table load_run add column cancel_requested_at timestamptz;
