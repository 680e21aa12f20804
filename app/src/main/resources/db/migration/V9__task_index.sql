-- The task list's own copy of every open user task, kept by a global Camunda task listener
-- (tasks/TaskIndexer) in the engine's transaction. The list filters and sorts on these
-- columns only: no join with process variables or the engine's identity links.

create table task_index (
    task_id              varchar(64)  primary key,
    process_instance_id  varchar(64),
    process_key          varchar(255) not null,
    process_name         varchar(255),
    task_key             varchar(255) not null,
    task_name            varchar(255),
    form_key             varchar(255),
    business_key         varchar(255),
    -- area of the task: from its candidate group and the facilityCode process variable
    facility_code        varchar(5),
    province_code        varchar(2),
    region               integer,
    -- the first candidate group Tabien understands (facility:<hcode>, province:<code>, region:<n>)
    candidate_group      varchar(255),
    -- FACILITY, PROVINCE or REGION; null when no candidate group is understood (shown to ADMIN)
    candidate_level      varchar(10)  check (candidate_level in ('FACILITY', 'PROVINCE', 'REGION')),
    assignee             varchar(255),
    created              timestamp with time zone not null,
    due                  timestamp with time zone
);

-- "my tasks": the assignee's tasks by due date
create index task_index_assignee_idx on task_index (assignee, due);
-- "my group's tasks" at each level, by due date (the region list is the largest: 10,000 tasks)
create index task_index_region_idx on task_index (region, candidate_level, due);
create index task_index_province_idx on task_index (province_code, candidate_level, due);
create index task_index_facility_idx on task_index (facility_code, candidate_level, due);
create index task_index_group_idx on task_index (candidate_group);
