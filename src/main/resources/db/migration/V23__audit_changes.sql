-- What an edit changed (auth package): a JSON array [{"field", "before", "after"}] of the fields whose values an
-- edit changed, values as text cut to 500 characters; null for calls that changed no field. Never a secret.
alter table audit_event add column changes text;
