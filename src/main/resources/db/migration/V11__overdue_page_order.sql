-- The overdue dashboard's page of rows is ordered by due date, then task id. A cycle's tasks share one due date, so
-- with (state, due_at) PostgreSQL read every overdue task of the earliest dates and sorted them by task id before it
-- could return 50 (22 ms at 100,000 overdue tasks). With the task id in the index the scan returns the page in order
-- and stops after it (0.5 ms). The old index is a prefix of the new one and goes.
drop index ix_work_item_due;
create index ix_work_item_due on work_item (state, due_at, task_id);
