-- Sync runs, their per-user changes (the audit log), and the per-tenant run lock shared by all replicas.

create sequence sync_run_seq start with 1 increment by 50;
create sequence sync_change_seq start with 1 increment by 1;

create table sync_run (
    id               bigint primary key,
    tenant           varchar(100) not null,
    mode             varchar(10) not null,
    run_trigger      varchar(10) not null,
    dry_run          boolean not null,
    status           varchar(10) not null,
    resync           boolean not null default false,
    approves_run_id  bigint,
    queued_at        timestamp with time zone not null,
    started_at       timestamp with time zone,
    finished_at      timestamp with time zone,
    created          integer not null default 0,
    updated          integer not null default 0,
    linked           integer not null default 0,
    moved            integer not null default 0,
    deactivated      integer not null default 0,
    reactivated      integer not null default 0,
    unchanged        integer not null default 0,
    skipped          integer not null default 0,
    failed           integer not null default 0,
    pages_read       integer not null default 0,
    throttled        integer not null default 0,
    retries          integer not null default 0,
    users_processed  integer not null default 0,
    error            varchar(4000),
    constraint ck_sync_run_mode check (mode in ('DELTA', 'FULL')),
    constraint ck_sync_run_trigger check (run_trigger in ('MANUAL', 'SCHEDULE', 'APPROVAL')),
    constraint ck_sync_run_status check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'BLOCKED'))
);
create index ix_sync_run_tenant on sync_run (tenant, id);

create table sync_change (
    id             bigint primary key,
    run_id         bigint not null references sync_run (id),
    user_id        bigint,
    external_id    varchar(64),
    email          varchar(320),
    kind           varchar(12) not null,
    reason         varchar(1000),
    diffs          text,
    open_tickets   integer,
    main_site_user boolean not null default false
);
create index ix_sync_change_run on sync_change (run_id, id);
create index ix_sync_change_user on sync_change (user_id);

create table tenant_run_lock (
    tenant    varchar(100) primary key,
    run_id    bigint not null,
    locked_at timestamp with time zone not null
);
