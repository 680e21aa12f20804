-- Faults (issue #8).
-- A node marks the agency files it holds (queued or running) alive; one nobody kept alive was
-- cut off by a crash and is reported as interrupted, so the same file may be sent again.
alter table entitlement_batch add column heartbeat_at timestamp with time zone;

-- An e-mail that could not be sent waits before its next try (15 s, doubling, at most an hour),
-- so an SMTP outage of hours loses nothing and the server is not hammered when it returns.
alter table mail_outbox add column next_attempt_at timestamp with time zone;
