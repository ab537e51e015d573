-- A report's reminder is due at its task's follow-up date (the cycle's reminder point, or the agency's own after an
-- extension or a return). The notification feature's reminder poll raises what is due from here, a batch a
-- transaction, instead of one engine timer per task: remind_at is the pending reminder (null once raised, or when the
-- task ends), reminded_at when it was raised; reminder_error what stopped the last attempt (it is tried again later).
alter table work_item add column remind_at timestamp with time zone;
alter table work_item add column reminded_at timestamp with time zone;
alter table work_item add column reminder_error varchar(2000);
create index ix_work_item_remind on work_item (remind_at, task_id);
