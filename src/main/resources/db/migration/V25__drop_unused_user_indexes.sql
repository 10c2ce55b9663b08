-- Two indexes of V14 that no statement uses. Nothing reads inbound_email or main_site_user_change by user_id (the
-- lists go by outcome, received_at and site: ix_inbound_email_outcome, ix_inbound_email_received,
-- ix_main_site_user_change_site), and no end_user row is ever deleted or merged, so no foreign-key check on them
-- looks one up either. Each inbound mail and main-user change paid for their upkeep. A feature that deletes or
-- merges users must index inbound_email (user_id) and main_site_user_change (user_id), (replaced_by) again.
drop index if exists ix_inbound_email_user;
drop index if exists ix_main_site_user_change_user;
