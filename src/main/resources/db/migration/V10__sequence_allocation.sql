-- Ids one by one, the way every writer allocates them. The sequences stepped by 50 for the ORM's pooled ids, but
-- the bulk writers (sync-created accounts, sites, departments: JDBC with nextval per row) took a whole step per
-- row: 257 synced users had ids 1 ... 12,801, and every restart skipped the rest of a pool. The entities now use
-- allocationSize = 1. Existing ids stay; the next id follows the current value.
alter sequence site_seq increment by 1;
alter sequence department_seq increment by 1;
alter sequence end_user_seq increment by 1;
alter sequence ticket_seq increment by 1;
alter sequence sync_run_seq increment by 1;
