-- The administrators' monitoring: the overdue dashboard reads work_item by kind, due date, agency and plan, and the
-- per-agency figures read an agency's cycle participations; these indexes keep both to index range scans.
create index ix_work_item_kind_due on work_item (state, kind, due_at);
create index ix_work_item_kind_created on work_item (state, kind, created_at);
create index ix_work_item_agency on work_item (agency_code, state, kind);
create index ix_work_item_plan on work_item (plan_code, state, kind);
create index ix_participant_agency on cycle_participant (agency_code, measure_id, cycle_number);
create index ix_measure_action_day on measure_action (measure_id, action, acted_at);
