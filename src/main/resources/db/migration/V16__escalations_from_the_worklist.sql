-- An executor's overdue report is escalated from the worklist, as its reminder is (V13): the notification feature's
-- deadline poll raises the escalations that are due from here, a batch a transaction, instead of one engine timer
-- per report task (model 1.3.0). escalate_at is the next escalation point (09:00 in Baku the day after the due date,
-- then every escalationDays; null for items that are never escalated, or once the task ends), escalated_at when the
-- last one was raised; escalation_error what stopped the last attempt (it is tried again later). Reports of process
-- instances started on model 1.2.0 keep their escalation timers; an escalation is recorded once per point either way.
alter table work_item add column escalate_at timestamp with time zone;
alter table work_item add column escalated_at timestamp with time zone;
alter table work_item add column escalation_error varchar(2000);
create index ix_work_item_escalate on work_item (escalate_at, task_id);
