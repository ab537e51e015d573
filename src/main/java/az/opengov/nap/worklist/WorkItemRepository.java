package az.opengov.nap.worklist;

import az.opengov.nap.shared.AtCommit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WorkItemRepository {

    private final JdbcClient jdbc;

    WorkItemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds an item, written with the others this transaction adds just before it commits (one statement for the up to
     * 150 reports of a cycle's opening job); every other statement here writes them first.
     */
    void insert(WorkItem w, Instant remindAt, Instant escalateAt) {
        AtCommit.add(WorkItemRepository.class, new NewItem(w, remindAt, escalateAt), this::insertAll);
    }

    private record NewItem(WorkItem item, Instant remindAt, Instant escalateAt) {
    }

    private void insertAll(List<NewItem> added) {
        // within PostgreSQL's 65,535 parameters a statement
        for (int from = 0; from < added.size(); from += ROWS_PER_STATEMENT) {
            List<NewItem> chunk = added.subList(from, Math.min(added.size(), from + ROWS_PER_STATEMENT));
            List<Object> values = new ArrayList<>();
            for (NewItem n : chunk) {
                WorkItem w = n.item();
                values.addAll(java.util.Arrays.asList(w.taskId(), w.processInstanceId(), w.kind().name(),
                        w.planCode(), w.measureId(), w.measureCode(), w.section(), w.cycleNumber(), w.agencyCode(),
                        w.role(), w.candidateGroup(), w.assignee(), w.reportId(), w.returned(), ts(w.createdAt()),
                        ts(w.dueAt()), ts(n.remindAt()), ts(n.escalateAt())));
            }
            jdbc.sql("""
                    insert into work_item (task_id, process_instance_id, kind, plan_code, measure_id, measure_code,
                        section, cycle_number, agency_code, role, candidate_group, assignee, report_id, returned, state,
                        created_at, due_at, remind_at, escalate_at)
                    values """ + String.join(", ", java.util.Collections.nCopies(chunk.size(), ROW)))
                    .params(values).update();
        }
    }

    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)";
    private static final int ROWS_PER_STATEMENT = 1000;

    /** A statement that sees the items this transaction added. */
    private JdbcClient.StatementSpec sql(String sql) {
        AtCommit.flush(WorkItemRepository.class);
        return jdbc.sql(sql);
    }

    void end(String taskId, String state, Instant at) {
        sql("""
                update work_item set state = ?, ended_at = ?, remind_at = null, escalate_at = null
                where task_id = ? and state = 'OPEN'""").params(state, ts(at), taskId).update();
    }

    /**
     * Open items whose reminder is due, the earliest first, locked until the caller's transaction ends; items another
     * transaction holds are skipped ({@code for update skip locked}), so two nodes never raise the same reminder.
     */
    List<WorkItem> remindersDue(Instant now, Collection<String> processInstanceIds, int limit) {
        return due("remind_at", now, processInstanceIds, limit);
    }

    private List<WorkItem> due(String column, Instant now, Collection<String> processInstanceIds, int limit) {
        String of = processInstanceIds.isEmpty() ? "" : " and process_instance_id in (:instances)";
        var statement = sql("select * from work_item where " + column + " <= :now and state = 'OPEN'" + of
                        + " order by " + column + ", task_id fetch first :limit rows only for update skip locked")
                .param("now", ts(now)).param("limit", limit);
        if (!processInstanceIds.isEmpty()) {
            statement = statement.param("instances", processInstanceIds);
        }
        return statement.query((rs, n) -> map(rs)).list();
    }

    /** Their reminders are raised: none is pending any more. */
    void reminded(Collection<String> taskIds, Instant at) {
        sql("""
                update work_item set remind_at = null, reminded_at = :at, reminder_error = null
                where task_id in (:ids)""").param("at", ts(at)).param("ids", taskIds).update();
    }

    /** Raising its reminder failed: tried again at {@code next}. */
    void reminderFailed(String taskId, Instant next, String error) {
        failed("remind_at", "reminder_error", taskId, next, error);
    }

    /** A deadline kept in {@code dueColumn} failed: due again at {@code next}, its error (cut to fit) beside it. */
    private void failed(String dueColumn, String errorColumn, String taskId, Instant next, String error) {
        sql("update work_item set " + dueColumn + " = ?, " + errorColumn + " = ? where task_id = ?"
                        + " and state = 'OPEN'")
                .params(ts(next), error == null || error.length() <= 2000 ? error : error.substring(0, 2000), taskId)
                .update();
    }

    /**
     * Open items whose next escalation is due, the earliest first, locked until the caller's transaction ends; items
     * another transaction holds are skipped, as for reminders.
     */
    List<WorkItem> escalationsDue(Instant now, Collection<String> processInstanceIds, int limit) {
        return due("escalate_at", now, processInstanceIds, limit);
    }

    /** Their escalations are raised: the next is due at {@code next}. */
    void escalated(Collection<String> taskIds, Instant next, Instant at) {
        sql("""
                update work_item set escalate_at = :next, escalated_at = :at, escalation_error = null
                where task_id in (:ids) and state = 'OPEN'""").param("next", ts(next)).param("at", ts(at))
                .param("ids", taskIds).update();
    }

    /** Raising its escalation failed: tried again at {@code next}. */
    void escalationFailed(String taskId, Instant next, String error) {
        failed("escalate_at", "escalation_error", taskId, next, error);
    }

    void assign(String taskId, String assignee) {
        sql("update work_item set assignee = ? where task_id = ?").params(assignee, taskId).update();
    }

    /**
     * The task's due and follow-up dates as they are now: a reminder not raised yet is then due at the follow-up date
     * (one raised already is not raised again for the same due date), and once the due date has changed (an
     * extension) the reminder is due again at the follow-up date, raised before or not, and the item is escalated
     * from the new due date on ({@code escalateAt}, its first escalation point). Reminders and escalations are
     * recorded by due date, so the new date's are new.
     */
    void dates(String taskId, Instant due, Instant remindAt, Instant escalateAt) {
        sql("""
                update work_item set due_at = ?,
                    remind_at = case when state = 'OPEN' and (reminded_at is null or due_at is distinct from ?) then ?
                        else remind_at end,
                    reminded_at = case when state = 'OPEN' and due_at is distinct from ? then null
                        else reminded_at end,
                    escalate_at = case when state = 'OPEN' and due_at is distinct from ? then ? else escalate_at end
                where task_id = ?""").params(ts(due), ts(due), ts(remindAt), ts(due), ts(due), ts(escalateAt), taskId)
                .update();
    }

    Optional<WorkItem> find(String taskId) {
        return sql("select * from work_item where task_id = ?").param(taskId).query((rs, n) -> map(rs)).optional();
    }

    Optional<WorkItem> findForUpdate(String taskId) {
        return sql("select * from work_item where task_id = ? for update").param(taskId).query((rs, n) -> map(rs))
                .optional();
    }

    /**
     * The groups' open items in due order, and with {@code total} how many there are. Each group's first
     * {@code offset + limit} come off {@code ix_work_item_group} in that order and are merged: a page reads at most
     * that many rows a group, however many items the groups have open. With {@code listed} (a list that shows the
     * page as it is) the total comes with the rows (counted once per statement), or on its own when the page is empty,
     * and so do the titles of the page's measures (joined once the page is cut); without it, the items alone.
     */
    WorklistService.OpenPage open(Collection<String> groups, int offset, int limit, boolean listed) {
        List<String> distinct = groups.stream().distinct().toList();
        String order = " order by due_at nulls last, created_at, task_id";
        String eachGroup = distinct.stream()
                .map(g -> "select * from (select * from work_item where candidate_group = ? and state = 'OPEN'"
                        + order + " fetch first ? rows only) g")
                .collect(Collectors.joining(" union all "));
        String inGroups = distinct.stream().map(g -> "?").collect(Collectors.joining(", "));
        List<Object> params = new ArrayList<>();
        if (listed) {
            params.addAll(distinct);
        }
        distinct.forEach(g -> {
            params.add(g);
            params.add(offset + limit);
        });
        params.add(offset);
        params.add(limit);
        String count = listed ? ", (select count(*) from work_item where state = 'OPEN' and candidate_group in ("
                + inGroups + ")) as open_total" : "";
        String cut = "select w.*" + count + " from (" + eachGroup + ") w" + order
                + " offset ? rows fetch next ? rows only";
        String sql = listed ? "select p.*, m.title as measure_title from (" + cut + ") p"
                + " left join measure m on m.id = p.measure_id" + order : cut;
        WorklistService.OpenPage page = sql(sql).params(params).query(rs -> {
            List<WorkItem> items = new ArrayList<>();
            Map<Long, String> titles = new HashMap<>();
            long counted = -1;
            while (rs.next()) {
                WorkItem item = map(rs);
                items.add(item);
                if (listed) {
                    counted = rs.getLong("open_total");
                    titles.put(item.measureId(), rs.getString("measure_title"));
                }
            }
            return new WorklistService.OpenPage(items, counted, titles);
        });
        return !listed || page.total() >= 0 ? page
                : new WorklistService.OpenPage(page.items(), countOpen(distinct), page.measureTitles());
    }

    long countOpen(Collection<String> groups) {
        return sql("select count(*) from work_item where state = 'OPEN' and candidate_group in (:groups)")
                .param("groups", groups).query(Long.class).single();
    }

    List<WorkItem> reviewQueue(int offset, int limit) {
        return sql("""
                select * from work_item where state = 'OPEN' and kind in ('REVIEW', 'FINAL_ASSESSMENT')
                order by created_at, task_id offset :offset rows fetch next :limit rows only""")
                .param("offset", offset).param("limit", limit).query((rs, n) -> map(rs)).list();
    }

    List<WorkItem> overdue(Instant now, int offset, int limit) {
        return sql("""
                select * from work_item where state = 'OPEN' and due_at < :now
                order by due_at, task_id offset :offset rows fetch next :limit rows only""")
                .param("now", ts(now)).param("offset", offset).param("limit", limit).query((rs, n) -> map(rs)).list();
    }

    Optional<WorkItem> openReport(long measureId, int cycle, String agencyCode) {
        return sql("""
                select * from work_item where measure_id = ? and state = 'OPEN' and agency_code = ? and cycle_number = ?
                and kind in ('REPORT', 'INVITED_REPORT') order by created_at, task_id fetch first 1 rows only""")
                .params(measureId, agencyCode, cycle).query((rs, n) -> map(rs)).optional();
    }

    List<WorkItem> openForMeasure(long measureId) {
        return sql("select * from work_item where measure_id = ? and state = 'OPEN' order by created_at, task_id")
                .param(measureId).query((rs, n) -> map(rs)).list();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static WorkItem map(ResultSet rs) throws SQLException {
        Timestamp due = rs.getTimestamp("due_at");
        return new WorkItem(rs.getString("task_id"), rs.getString("process_instance_id"),
                WorkKind.valueOf(rs.getString("kind")), rs.getString("plan_code"), rs.getLong("measure_id"),
                rs.getString("measure_code"), rs.getInt("section"), (Integer) rs.getObject("cycle_number"),
                rs.getString("agency_code"), rs.getString("role"), rs.getString("candidate_group"),
                rs.getString("assignee"), rs.getObject("report_id") == null ? null : rs.getLong("report_id"),
                rs.getBoolean("returned"), rs.getString("state"), rs.getTimestamp("created_at").toInstant(),
                due == null ? null : due.toInstant());
    }
}
