-- A released account keeps the tenant and directory id it had (issue 19): when a mapping file for that tenant comes
-- back, the tenant's next run re-links it by directory id, before any email matching. A release is recorded like a
-- run (trigger RELEASE) with one change per account, so the change log shows it.
alter table end_user add column released_from varchar(100);
alter table end_user add column released_external_id varchar(64);
create index ix_end_user_released on end_user (released_from);

alter table sync_run drop constraint ck_sync_run_trigger;
alter table sync_run add constraint ck_sync_run_trigger
    check (run_trigger in ('MANUAL', 'SCHEDULE', 'APPROVAL', 'NOTIFIED', 'RELEASE'));
