-- Local helpdesk directory: sites, departments, end users, tickets, settings.
-- Runs on PostgreSQL and on H2 in PostgreSQL mode: keep to the common subset.

create sequence site_seq start with 1 increment by 50;
create sequence department_seq start with 1 increment by 50;
create sequence end_user_seq start with 1 increment by 50;
create sequence ticket_seq start with 1 increment by 50;

create table site (
    id                     bigint primary key,
    name                   varchar(200) not null,
    name_key               varchar(200) not null,
    main_user_only_tickets boolean not null default false,
    tenant                 varchar(100),
    created_at             timestamp with time zone not null,
    constraint uk_site_name unique (name_key)
);

create table site_email_domain (
    site_id bigint not null references site (id),
    domain  varchar(255) not null,
    constraint uk_site_email_domain unique (domain)
);
create index ix_site_email_domain_site on site_email_domain (site_id);

create table department (
    id       bigint primary key,
    name     varchar(200) not null,
    name_key varchar(200) not null,
    constraint uk_department_name unique (name_key)
);

create table end_user (
    id                   bigint primary key,
    site_id              bigint not null references site (id),
    first_name           varchar(200),
    last_name            varchar(200),
    email                varchar(320) not null,
    email_key            varchar(320) not null,
    phone                varchar(100),
    mobile_phone         varchar(100),
    department_id        bigint references department (id),
    job_title            varchar(200),
    agent_id             varchar(200),
    main_site_user       boolean not null default false,
    auto_ticket_disabled boolean not null default false,
    active               boolean not null default true,
    association          varchar(10) not null,
    external_id          varchar(64),
    tenant               varchar(100),
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    version              bigint not null default 0,
    constraint uk_end_user_email unique (email_key),
    constraint ck_end_user_association check (association in ('WEAK', 'STRONG'))
);
create index ix_end_user_site on end_user (site_id);
create index ix_end_user_tenant_external on end_user (tenant, external_id);

create table ticket (
    id         bigint primary key,
    user_id    bigint not null references end_user (id),
    site_id    bigint not null references site (id),
    subject    varchar(500) not null,
    source     varchar(20) not null,
    status     varchar(20) not null,
    created_at timestamp with time zone not null,
    constraint ck_ticket_source check (source in ('EMAIL', 'PORTAL', 'PHONE', 'HOTKEY')),
    constraint ck_ticket_status check (status in ('OPEN', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'CLOSED'))
);
create index ix_ticket_user on ticket (user_id);

create table helpdesk_settings (
    id                           integer primary key,
    auto_create_users_from_email boolean not null,
    default_site_id              bigint references site (id)
);
insert into helpdesk_settings (id, auto_create_users_from_email, default_site_id) values (1, true, null);
