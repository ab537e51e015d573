-- An inbox lists its groups' open work in due order. With the creation time and task id after the due date, each
-- group's first page comes off this index in that order (the list merges a user's groups, a page from each), instead
-- of reading every open item of the groups and sorting them; the count reads the index alone.
drop index ix_work_item_group;
create index ix_work_item_group on work_item (candidate_group, state, due_at, created_at, task_id);
