-- The fleet view (GET /api/tenants) reads the newest success and the failures in a row of every tenant, and
-- GET /api/sync-runs?status=FAILED the newest failures across tenants: both by status, then tenant and id.
create index ix_sync_run_status on sync_run (status, tenant, id);
