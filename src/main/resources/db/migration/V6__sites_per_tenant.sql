-- Sites belong to the tenant whose mapping created them: a site name is unique per tenant, and among the manual
-- sites (tenant null: created by an admin, a CSV import). owner_key is the tenant key, or '' for a manual site: a
-- unique key over a nullable column would let any number of manual sites share a name (NULLs are distinct), so the
-- key uses a column that is never null. Existing sites keep their tenant; no row is changed but the new column.
-- Runs on PostgreSQL and on H2 in PostgreSQL mode: keep to the common subset.

alter table site add column owner_key varchar(100) default '' not null;
update site set owner_key = tenant where tenant is not null;
alter table site drop constraint uk_site_name;
alter table site add constraint uk_site_owner_name unique (owner_key, name_key);
alter table site add constraint ck_site_owner_key check (owner_key = coalesce(tenant, ''));
