-- Data Center roles and the inactivity lock for accounts in the embedded store, and the
-- activity every directory's accounts are swept by.

create table staff_account_data_center_role (
    username varchar(64) not null references staff_account (username),
    role     varchar(30) not null,
    primary key (username, role)
);

alter table staff_account add column inactivity_locked boolean not null default false;

-- One row per account of whichever directory runs (the embedded store or Keycloak, which
-- has no inactivity lock of its own). The daily sweep reads ranges of last_activity_at, so
-- it touches only the accounts crossing the warning or the lock threshold that day.
create table account_activity (
    username         varchar(64) primary key,
    last_activity_at timestamp with time zone not null,
    warned_at        timestamp with time zone,
    locked_at        timestamp with time zone
);
create index account_activity_last_idx on account_activity (last_activity_at);
