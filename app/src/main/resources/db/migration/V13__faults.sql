-- Faults (issue #8).
-- A node marks the agency files it holds (queued or running) alive; one nobody kept alive was
-- cut off by a crash and is reported as interrupted, so the same file may be sent again.
alter table entitlement_batch add column heartbeat_at timestamp with time zone;
