-- Issue 22: connecting a customer tenant in one step (admin consent of the MSP app).
-- One row per "Connect a customer": started by POST /api/tenants/connect, finished by the admin's browser coming back
-- to GET /connect/callback. The state that authorizes the callback is stored as its SHA-256 only (a database reader
-- cannot complete someone's flow); it is used once: the replica that sets used_at (where it is still null and the
-- state has not expired) handles the callback, any other replica or replay finds it used.
create table connect_request (
    id              varchar(64) primary key,
    tenant          varchar(100) not null,
    template        varchar(100) not null,
    state_hash      varchar(64) not null,
    started_by_kind varchar(20) not null,
    started_by_id   varchar(200) not null,
    started_by_name varchar(300),
    started_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    used_at         timestamp with time zone,
    status          varchar(20) not null,
    tenant_id       varchar(64),
    -- the outcome as GET /api/tenants/connect/{id} shows it: organization, connection check, file, error (JSON)
    outcome         text,
    constraint uq_connect_request_state unique (state_hash),
    constraint ck_connect_request_status check (status in ('WAITING', 'CONNECTED', 'REFUSED', 'FAILED'))
);
create index ix_connect_request_tenant on connect_request (tenant);
