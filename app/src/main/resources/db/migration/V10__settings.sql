-- The durations the processes use, as changed by an admin on /admin/settings (system/Settings).
-- A row exists only once a value was changed; without a row the configured default
-- (tabien.* in application.yaml) applies. Each change is also in audit_event.
create table duration_setting (
    name          varchar(100) primary key,
    -- ISO-8601 ("P30D") or, where the process reads it through the business calendar, "N working days"
    setting_value varchar(40)  not null,
    changed_by    varchar(255) not null,
    changed_at    timestamp with time zone not null
);
