-- Microsoft Graph change notifications (issue 16): the subscriptions of each tenant, the delta run a tenant's
-- notifications are waiting for, and the run trigger NOTIFIED.

-- One row per Graph subscription (resource 'users' or 'groups' of a tenant). The clientState Graph echoes in every
-- notification is kept only as its SHA-256 (hex): enough to verify a notification, useless to forge one.
create table notification_subscription (
    subscription_id    varchar(64) primary key,
    tenant             varchar(100) not null,
    resource           varchar(20) not null,
    client_state_hash  varchar(64) not null,
    expires_at         timestamp with time zone not null,
    created_at         timestamp with time zone not null,
    renewed_at         timestamp with time zone,
    last_received_at   timestamp with time zone,
    last_validated_at  timestamp with time zone,
    rejected           integer not null default 0,
    last_error         varchar(1000),
    last_error_at      timestamp with time zone,
    constraint uq_notification_subscription unique (tenant, resource)
);

-- A tenant with a row here has notifications that no delta run has started to cover yet; the row is inserted by the
-- first notification of a burst (which also schedules the run) and deleted when that run's fire starts, so a
-- notification arriving during a run schedules exactly one more run.
create table notification_pending (
    tenant         varchar(100) primary key,
    since          timestamp with time zone not null,
    notifications  integer not null default 1
);

-- Per tenant problems that belong to no subscription (creation refused, quota reached, public URL unreachable).
create table notification_tenant_error (
    tenant      varchar(100) primary key,
    error       varchar(1000) not null,
    error_at    timestamp with time zone not null
);

alter table sync_run drop constraint ck_sync_run_trigger;
alter table sync_run add constraint ck_sync_run_trigger
    check (run_trigger in ('MANUAL', 'SCHEDULE', 'APPROVAL', 'NOTIFIED'));
