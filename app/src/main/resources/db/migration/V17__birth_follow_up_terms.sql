-- The follow-up due date and reminder cycle in force when a birth was filed. A case keeps
-- them (an admin's later change applies to births filed afterwards), but only a birth that
-- goes unregistered needs them: they wait here rather than as two process variables in every
-- instance, each a row written, copied into history and deleted again at registration.
alter table birth_case add column follow_up_due varchar(64);
alter table birth_case add column follow_up_reminder varchar(64);
