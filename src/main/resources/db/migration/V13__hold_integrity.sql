-- Approvals apply exactly what was reviewed: an approval run's deactivation that the approved plan did not list is
-- marked, so it is listed apart from the reviewed ones (it was judged by the tenant's usual limits).
alter table sync_change add column not_in_reviewed_plan boolean not null default false;

-- The mapping each tenant's last applied run evaluated, flattened to key -> value (JSON object), so a hold can show
-- what changed in the mapping since then ("scope.groups: [Helpdesk Users] -> [Site Admins]"). One row per tenant,
-- written by a run that applies under a mapping other than the one stored.
create table tenant_applied_mapping (
    tenant       varchar(100) primary key,
    run_id       bigint not null,
    mapping_hash varchar(64) not null,
    settings     text not null
);
