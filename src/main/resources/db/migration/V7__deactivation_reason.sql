-- Why an inactive account is inactive: MANUAL (an admin) or the sync's reason (DELETED, SOFT_DELETED, DISABLED,
-- OUT_OF_SCOPE, NOT_FOUND_IN_FULL_SYNC). A run never reactivates a MANUAL one. Both columns are null while the
-- account is active.
alter table end_user add column deactivation_reason varchar(40);
alter table end_user add column deactivated_at timestamp with time zone;

-- Accounts already inactive: the last applied sync change of the account tells who deactivated it. A DEACTIVATE
-- of a successful, real run → that run's reason (the change log stores it under the same names); anything else
-- (no such change, or a later REACTIVATE/LINK) means an admin deactivated it by hand → MANUAL, so the first run
-- after the upgrade does not undo it. Planned changes of dry runs and BLOCKED runs were never applied: ignored.
update end_user set deactivation_reason = coalesce((
        select case when c.kind = 'DEACTIVATE' then c.reason end from sync_change c where c.id = (
            select max(c2.id) from sync_change c2 join sync_run r on r.id = c2.run_id
            where c2.user_id = end_user.id and c2.kind in ('DEACTIVATE', 'REACTIVATE', 'LINK')
              and r.status = 'SUCCEEDED' and r.dry_run = false)),
        'MANUAL'),
    deactivated_at = updated_at
where active = false;
