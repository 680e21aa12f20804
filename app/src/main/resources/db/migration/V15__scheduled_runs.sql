-- One row per nightly job and day (system/ScheduledRuns): with several app nodes on one
-- database, the node that writes the day's row runs the job and the others leave it.
create table scheduled_run (
    job        varchar(100) not null,
    run_day    date         not null,
    node       varchar(255) not null,
    claimed_at timestamp with time zone not null,
    primary key (job, run_day)
);
