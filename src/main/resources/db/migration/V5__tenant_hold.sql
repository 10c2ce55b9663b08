-- The tenant hold: once a run of a tenant ends BLOCKED, every later run of it plans, records its plan and applies
-- nothing until an admin approves (an APPROVAL run applies the newest plan) or releases the hold. A rejected hold
-- stays until the mapping file changes or an admin releases it. One row per held tenant; the row is deleted when
-- the hold ends. And the mapping each run evaluated, so a changed mapping makes the next run re-evaluate everyone.

alter table sync_run add column mapping_hash varchar(64);
alter table sync_run add column reevaluated boolean not null default false;

create table tenant_hold (
    tenant                varchar(100) primary key,
    state                 varchar(10) not null,
    held_since            timestamp with time zone not null,
    first_run_id          bigint not null,
    latest_run_id         bigint not null,
    planned_deactivations integer not null,
    reason                varchar(4000) not null,
    full_read             boolean not null,
    mapping_hash          varchar(64),
    rejected_at           timestamp with time zone,
    constraint ck_tenant_hold_state check (state in ('PENDING', 'REJECTED'))
);
