package az.opengov.nap.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** A page of a group's open tasks and their count, read together: earliest due first, closed ones left out. */
@SpringBootTest
@ActiveProfiles("test")
class OpenPageTest {

    @Autowired
    WorklistService worklist;
    @Autowired
    JdbcClient jdbc;

    final String plan = "WL-" + Long.toString(System.nanoTime(), 36);
    final String group = plan + "-AGENCY";
    long measure;

    @BeforeEach
    void tasks() {
        jdbc.sql("""
                insert into plan (code, title, first_year, last_year, year_shift, frequency_months, due_offset_days,
                  reminder_days, escalation_days, revision_days, window_days, imported_at, imported_by)
                values (?, 'Worklist test plan', 2026, 2026, 0, 6, 15, 7, 7, 10, 30, ?, 'test')""")
                .params(plan, Timestamp.from(Instant.now())).update();
        jdbc.sql("insert into plan_section (plan_code, number, title) values (?, 1, 'Bölmə')").param(plan).update();
        jdbc.sql("""
                insert into measure (plan_code, code, section, title, first_year, last_year, status, sort_key)
                values (?, '1.1', 1, 'Tədbir', 2026, 2026, 'RUNNING', 100)""").param(plan).update();
        measure = jdbc.sql("select id from measure where plan_code = ?").param(plan).query(Long.class).single();
        Instant due = Instant.parse("2026-07-15T08:00:00Z");
        for (int i = 0; i < 4; i++) {
            jdbc.sql("""
                    insert into work_item (task_id, process_instance_id, kind, plan_code, measure_id, measure_code,
                      section, cycle_number, agency_code, role, candidate_group, returned, state, created_at, due_at)
                    values (?, 'pi', 'REPORT', ?, ?, '1.1', 1, ?, ?, 'EXECUTOR', ?, false, ?, ?, ?)""")
                    .params(plan + "-t" + i, plan, measure, i + 1, group, group, i == 3 ? "COMPLETED" : "OPEN",
                            Timestamp.from(due.minus(200, ChronoUnit.DAYS)),
                            Timestamp.from(due.minus(i * 30L, ChronoUnit.DAYS)))
                    .update();
        }
    }

    @AfterEach
    void removeTasks() {
        jdbc.sql("delete from work_item where plan_code = ?").param(plan).update();
        jdbc.sql("delete from measure where plan_code = ?").param(plan).update();
        jdbc.sql("delete from plan_section where plan_code = ?").param(plan).update();
        jdbc.sql("delete from plan where code = ?").param(plan).update();
    }

    @Test
    void eachPageCarriesTheCountOfAllOpenTasks() {
        WorklistService.OpenPage first = worklist.openPage(List.of(group), 0, 2);
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.items()).extracting(WorkItem::taskId).containsExactly(plan + "-t2", plan + "-t1");
        WorklistService.OpenPage second = worklist.openPage(List.of(group), 1, 2);
        assertThat(second.total()).isEqualTo(3);
        assertThat(second.items()).extracting(WorkItem::taskId).containsExactly(plan + "-t0");
    }

    @Test
    void aPagePastTheEndIsEmptyAndStillCounts() {
        WorklistService.OpenPage beyond = worklist.openPage(List.of(group), 5, 2);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(3);
        assertThat(worklist.openPage(List.of(), 0, 2)).isEqualTo(new WorklistService.OpenPage(List.of(), 0));
        assertThat(worklist.openPage(List.of(group + "-NONE"), 0, 2).total()).isZero();
    }
}
