package az.opengov.nap.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An inbox of several groups, page by page: the groups' open items merged in due order (no due date last, then by
 * creation and task id), each item once across the pages, nothing of another group or closed, and the total with
 * every page (past the last one too), with the titles of its measures.
 */
@SpringBootTest
@ActiveProfiles("test")
class InboxOrderTest {

    static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    @Autowired
    WorkItemRepository items;
    @Autowired
    WorklistService worklist;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    /** A measure of a plan of its own, as an import leaves it: its id. */
    long measure(String code, String title) {
        jdbc.sql("""
                insert into plan (code, title, first_year, last_year, year_shift, frequency_months, due_offset_days,
                    reminder_days, escalation_days, revision_days, window_days, imported_at, imported_by)
                select 'INBOX', 'Inbox plan', 2026, 2027, 0, 6, 15, 5, 10, 10, 30, ?, 'test'
                where not exists (select 1 from plan where code = 'INBOX')""")
                .param(java.sql.Timestamp.from(T)).update();
        jdbc.sql("""
                insert into measure (plan_code, code, section, title, first_year, last_year, status, sort_key)
                select 'INBOX', ?, 1, ?, 2026, 2027, 'RUNNING', 1
                where not exists (select 1 from measure where plan_code = 'INBOX' and code = ?)""")
                .params(code, title, code).update();
        return jdbc.sql("select id from measure where plan_code = 'INBOX' and code = ?").param(code)
                .query(Long.class).single();
    }

    @Test
    void pagesOfSeveralGroupsComeInDueOrderEachItemOnce() {
        Random random = new Random(20261127L);
        String portal = "Açıq məlumat portalının yaradılması";
        String procurement = "Dövlət satınalmalarında şəffaflığın artırılması";
        Map<Long, String> titles = Map.of(measure("1.1", portal), portal, measure("1.2", procurement), procurement);
        List<Long> measures = List.copyOf(titles.keySet());
        List<WorkItem> mine = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            String group = List.of("INBOX-A", "INBOX-B", "INBOX-C", "INBOX-OTHER").get(random.nextInt(4));
            // few distinct dates, so that ties are broken by creation time and then by task id
            Instant due = random.nextInt(8) == 0 ? null : T.plus(random.nextInt(5), ChronoUnit.DAYS);
            Instant created = T.minus(random.nextInt(3), ChronoUnit.DAYS);
            String taskId = String.format("inbox-%04d-%03d", random.nextInt(10_000), i);
            long measureId = measures.get(i % 2);
            WorkItem item = new WorkItem(taskId, "pi-" + i, WorkKind.REPORT, "INBOX", measureId, "1." + (i % 2 + 1),
                    1, 1, group, "EXECUTOR", group, null, null, false, "OPEN", created, due);
            items.insert(item, null, null);
            boolean closed = i % 11 == 0;
            if (closed) {
                items.end(item.taskId(), "COMPLETED", T);
            } else if (!group.equals("INBOX-OTHER")) {
                mine.add(item);
            }
        }
        List<String> groups = List.of("INBOX-A", "INBOX-B", "INBOX-C");
        List<String> expected = mine.stream().sorted(Comparator.comparing(WorkItem::dueAt,
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(WorkItem::createdAt)
                .thenComparing(WorkItem::taskId)).map(WorkItem::taskId).toList();

        List<String> paged = new ArrayList<>();
        // past the last page too: no rows, and still the total
        for (int page = 0; page * 7 < expected.size() + 7; page++) {
            WorklistService.OpenPage found = worklist.openPage(groups, page, 7);
            assertThat(found.total()).isEqualTo(expected.size());
            assertThat(found.items()).hasSizeLessThanOrEqualTo(7).allMatch(w -> groups.contains(w.candidateGroup()))
                    .extracting(WorkItem::taskId).isEqualTo(worklist.open(groups, page, 7).stream()
                            .map(WorkItem::taskId).toList());
            assertThat(found.measureTitles()).as("the titles of the page's measures, read with it").isEqualTo(
                    found.items().stream().map(WorkItem::measureId).distinct()
                            .collect(java.util.stream.Collectors.toMap(id -> id, titles::get)));
            found.items().forEach(w -> paged.add(w.taskId()));
        }
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(worklist.openPage(List.of("INBOX-NONE"), 0, 7)).isEqualTo(new WorklistService.OpenPage(List.of(),
                0, Map.of()));
        assertThat(worklist.open(List.of("INBOX-B", "INBOX-B"), 0, 200)).extracting(WorkItem::taskId)
                .containsExactlyElementsOf(mine.stream().filter(w -> w.candidateGroup().equals("INBOX-B"))
                        .map(WorkItem::taskId).filter(expected::contains)
                        .sorted(Comparator.comparing(expected::indexOf)).toList());
        assertThat(worklist.open(List.of(), 0, 50)).isEmpty();
        assertThat(worklist.openPage(List.of(), 0, 50).total()).isZero();
    }

    /**
     * The items a transaction opens are written together just before it commits (a cycle's opening job opens up to 150
     * at a time), and the transaction's own statements on the worklist see them before that.
     */
    @Test
    void itemsOpenedInATransactionAreWrittenTogetherAndSeenByItsOwnStatements() {
        long measureId = measure("1.3", "Bir tranzaksiyada açılan işlər");
        List<String> taskIds = List.of("batch-1", "batch-2", "batch-3");
        String count = "select count(*) from work_item where task_id like 'batch-%'";
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            for (String taskId : taskIds) {
                items.insert(new WorkItem(taskId, "pi-batch", WorkKind.REPORT, "INBOX", measureId, "1.3", 1, 1,
                        "INBOX-BATCH", "EXECUTOR", "INBOX-BATCH", null, null, false, "OPEN", T, T), null, null);
            }
            assertThat(jdbc.sql(count).query(Long.class).single()).as("not yet written").isZero();
            worklist.assigned("batch-2", "mcht");
            worklist.ended("batch-3", "DELETED");
            assertThat(jdbc.sql(count).query(Long.class).single()).isEqualTo(3);
            items.insert(new WorkItem("batch-4", "pi-batch", WorkKind.REPORT, "INBOX", measureId, "1.3", 1, 1,
                    "INBOX-BATCH", "EXECUTOR", "INBOX-BATCH", null, null, false, "OPEN", T, T), null, null);
        });
        assertThat(jdbc.sql("select task_id || ' ' || state || ' ' || coalesce(assignee, '-') from work_item "
                + "where task_id like 'batch-%' order by task_id").query(String.class).list())
                .containsExactly("batch-1 OPEN -", "batch-2 OPEN mcht", "batch-3 DELETED -", "batch-4 OPEN -");
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            items.insert(new WorkItem("batch-5", "pi-batch", WorkKind.REPORT, "INBOX", measureId, "1.3", 1, 1,
                    "INBOX-BATCH", "EXECUTOR", "INBOX-BATCH", null, null, false, "OPEN", T, T), null, null);
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql(count).query(Long.class).single()).as("rolled back with its transaction").isEqualTo(4);
    }
}
