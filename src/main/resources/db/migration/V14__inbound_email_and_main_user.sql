-- Issue 19: mail is never dropped, and main site user changes say what they did.

-- Every message POST /api/inbound-email received, whatever became of it: the ticket (and the account created for
-- it), or the outcome that says why there is none. UNASSIGNED messages (unknown domain, no default site) wait for an
-- admin to assign them to a site. The body is kept whole: its size is bounded by entra-sync.api.max-body-size (the
-- request is refused with 413 above it, so nothing is accepted and then lost). Headers are kept as a JSON object.
create sequence inbound_email_seq start with 1 increment by 1;

create table inbound_email (
    id            bigint primary key,
    received_at   timestamp with time zone not null,
    sender        text,
    sender_email  varchar(320),
    subject       text,
    body          text,
    headers       text,
    outcome       varchar(20) not null,
    reason        varchar(1000) not null,
    user_id       bigint references end_user (id),
    user_created  boolean not null default false,
    ticket_id     bigint references ticket (id),
    site_id       bigint references site (id),
    assigned_at   timestamp with time zone,
    constraint ck_inbound_email_outcome check (outcome in ('TICKET_OPENED', 'AUTOMATED', 'DEACTIVATED_SENDER',
        'AUTO_TICKETS_OFF', 'NOT_MAIN_USER', 'UNKNOWN_SENDER', 'UNASSIGNED', 'SUBJECT_TOO_LONG', 'INVALID_SENDER'))
);
create index ix_inbound_email_outcome on inbound_email (outcome, id);
create index ix_inbound_email_user on inbound_email (user_id);

-- A mail's subject is kept whole up to 10,000 characters, at both doors (POST /api/tickets refuses longer ones with
-- 400, inbound mail keeps such a message as SUBJECT_TOO_LONG); 500 cut mail subjects silently.
alter table ticket alter column subject set data type varchar(10000);

-- Who became or stopped being a site's main user, by which door, and whom it replaced: the answer of a change names
-- the demoted user, and this table keeps it (also a deactivated main user losing the flag).
create sequence main_site_user_change_seq start with 1 increment by 1;

create table main_site_user_change (
    id            bigint primary key,
    site_id       bigint not null references site (id),
    user_id       bigint not null references end_user (id),
    main          boolean not null,
    door          varchar(20) not null,
    reason        varchar(1000) not null,
    replaced_by   bigint references end_user (id),
    changed_at    timestamp with time zone not null
);
create index ix_main_site_user_change_site on main_site_user_change (site_id, id);
create index ix_main_site_user_change_user on main_site_user_change (user_id, id);

-- A deactivated account is never a site's main user any more: accounts deactivated before this version lose the
-- flag, recorded like a deactivation would record it now.
insert into main_site_user_change (id, site_id, user_id, main, door, reason, replaced_by, changed_at)
select nextval('main_site_user_change_seq'), site_id, id, false, 'DEACTIVATION',
       'deactivated before the upgrade: a deactivated account is no main site user', null, current_timestamp
from end_user where active = false and main_site_user = true;
update end_user set main_site_user = false where active = false and main_site_user = true;
