-- Mirror of each tenant's remote directory (Microsoft Entra ID) as last seen: users, groups, memberships and the
-- delta links to resume from. Written with plain JDBC by io.entrasync.mirror.DirectoryMirror.
-- Runs on PostgreSQL and on H2 in PostgreSQL mode: keep to the common subset (no ON CONFLICT, no MERGE).

create table mirror_user (
    tenant              varchar(100) not null,
    id                  varchar(100) not null,
    display_name        varchar(500),
    given_name          varchar(200),
    surname             varchar(200),
    mail                varchar(320),
    user_principal_name varchar(320),
    -- list attributes, one value a line ('' = empty list)
    other_mails         varchar,
    business_phones     varchar,
    mobile_phone        varchar(100),
    department          varchar(500),
    job_title           varchar(500),
    company_name        varchar(500),
    office_location     varchar(500),
    account_enabled     boolean,
    user_type           varchar(50),
    -- lower-case mail, else userPrincipalName: the soft-match key
    email_key           varchar(320),
    removed             boolean not null default false,
    removed_reason      varchar(20),
    last_seen_run       bigint not null,
    updated_at          timestamp with time zone not null,
    constraint pk_mirror_user primary key (tenant, id)
);
create index ix_mirror_user_email on mirror_user (tenant, email_key);

create table mirror_group (
    tenant         varchar(100) not null,
    id             varchar(100) not null,
    display_name   varchar(500),
    description    varchar,
    removed        boolean not null default false,
    removed_reason varchar(20),
    last_seen_run  bigint not null,
    updated_at     timestamp with time zone not null,
    constraint pk_mirror_group primary key (tenant, id)
);

create table mirror_membership (
    tenant        varchar(100) not null,
    group_id      varchar(100) not null,
    member_id     varchar(100) not null,
    member_type   varchar(10) not null,
    last_seen_run bigint not null,
    constraint pk_mirror_membership primary key (tenant, group_id, member_id),
    constraint ck_mirror_membership_type check (member_type in ('USER', 'GROUP'))
);
create index ix_mirror_membership_member on mirror_membership (tenant, member_id);
create index ix_mirror_membership_type on mirror_membership (tenant, member_type);

create table mirror_state (
    tenant            varchar(100) primary key,
    users_delta_link  varchar,
    groups_delta_link varchar,
    updated_at        timestamp with time zone not null
);
