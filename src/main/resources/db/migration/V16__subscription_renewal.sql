-- Issue 20, renewal half: what a renewal pass needs to check a subscription against Graph and the mapping, to create
-- one per tenant and resource across replicas, and to delete at Graph what it replaced or what lost its tenant.

-- The notification URL a subscription was made with (a changed public URL is applied by recreating it: Graph cannot
-- change the lifecycle URL of a subscription), and how to reach its tenant (tenant id, client id, cloud, endpoints and
-- the credential *reference*, never a secret) so a subscription of a removed or invalid mapping can still be deleted.
alter table notification_subscription add column notification_url varchar(1000);
alter table notification_subscription add column connection varchar(4000);
-- When a reauthorizationRequired was last acted on: replays of it within a few minutes cost no Graph call.
alter table notification_subscription add column reauthorized_at timestamp with time zone;

-- One row per tenant and resource, locked (select ... for update) while a replica checks, creates, renews or replaces
-- that subscription: Graph is asked to create at most one, whatever the replicas do.
create table notification_subscription_slot (
    tenant    varchar(100) not null,
    resource  varchar(20) not null,
    constraint pk_notification_subscription_slot primary key (tenant, resource)
);

-- Subscriptions this service no longer wants (replaced, created twice, of a removed tenant) whose deletion at Graph
-- failed: each pass tries again until Graph lets them expire.
create table notification_subscription_retired (
    subscription_id  varchar(64) primary key,
    tenant           varchar(100) not null,
    connection       varchar(4000) not null,
    expires_at       timestamp with time zone not null,
    retired_at       timestamp with time zone not null,
    attempts         integer not null default 0,
    last_error       varchar(1000)
);
