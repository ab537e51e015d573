package az.opengov.nap.monitoring;

import az.opengov.nap.shared.Clock;
import az.opengov.nap.support.PostgresSuite;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: a harness that prints how long the dashboard's reads take at national scale on PostgreSQL (50,000 open
 * tasks of 114 agencies over 600 measures, a fifth of them overdue, 2,000 reviews waiting). Surefire leaves it out
 * (its name does not end in Test); run it with {@code ./mvnw test -Dtest=MonitoringDashboardBenchmark}.
 */
@SpringBootTest
@PostgresSuite
class MonitoringDashboardBenchmark {

    static final int TASKS = 50_000;
    static final int MEASURES = 600;
    static final int REVIEWS = 2_000;
    static final int RUNS = 30;

    @Autowired
    MonitoringService monitoring;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void dashboardReadsAtNationalScale() {
        LocalDate today = LocalDate.of(2026, 7, 31);
        ClockUtil.setCurrentTime(Date.from(Clock.at(today, LocalTime.NOON)));
        List<String> agencies = jdbc.queryForList("select code from agency where not collective order by code",
                String.class);
        jdbc.update("""
                insert into plan (code, title, first_year, last_year, year_shift, frequency_months, due_offset_days,
                  reminder_days, escalation_days, revision_days, window_days, imported_at)
                values ('BENCH', 'Benchmark', 2026, 2026, 0, 6, 15, 7, 7, 10, 30, current_timestamp)""");
        for (int s = 1; s <= 11; s++) {
            jdbc.update("insert into plan_section (plan_code, number, title) values ('BENCH', ?, ?)", s, "Bölmə " + s);
        }
        List<Object[]> measures = new ArrayList<>();
        for (int m = 1; m <= MEASURES; m++) {
            measures.add(new Object[] {"M" + m, 1 + m % 11, "Tədbir " + m, m});
        }
        jdbc.batchUpdate("""
                insert into measure (plan_code, code, section, title, first_year, last_year, status, sort_key)
                values ('BENCH', ?, ?, ?, 2026, 2026, 'RUNNING', ?)""", measures);
        long first = jdbc.queryForObject("select min(id) from measure where plan_code = 'BENCH'", Long.class);
        Random random = new Random(42);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < TASKS + REVIEWS; i++) {
            boolean review = i >= TASKS;
            int m = random.nextInt(MEASURES);
            String agency = agencies.get(random.nextInt(agencies.size()));
            // a fifth overdue by 1-60 days, the rest due within 90 days; reviews came in during the last 40 days
            int offset = random.nextInt(5) == 0 ? -1 - random.nextInt(60) : random.nextInt(90);
            rows.add(new Object[] {"bench-" + i, review ? "REVIEW" : (i % 7 == 0 ? "INVITED_REPORT" : "REPORT"),
                    first + m, "M" + (m + 1), 1 + (m + 1) % 11, agency, i % 7 == 0 ? "RECOMMENDED" : "EXECUTOR",
                    review ? "commission" : agency,
                    Timestamp.from(Clock.at(today.minusDays(review ? random.nextInt(40) : 30), LocalTime.NOON)),
                    review ? null : Timestamp.from(Clock.endOf(today.plusDays(offset)))});
        }
        jdbc.batchUpdate("""
                insert into work_item (task_id, process_instance_id, kind, plan_code, measure_id, measure_code, section,
                  cycle_number, agency_code, role, candidate_group, returned, state, created_at, due_at)
                values (?, 'bench', ?, 'BENCH', ?, ?, ?, 1, ?, ?, ?, false, 'OPEN', ?, ?)""", rows);
        jdbc.execute("analyze");

        OverduePage all = monitoring.overdue(OverdueFilter.all("report"));
        System.out.printf("%n== Monitoring dashboard on PostgreSQL: %,d open tasks, %,d overdue reports ==%n",
                all.tiles().open(), all.total());
        time("dashboard, all plans (tiles, buckets, 3 groupings, first 50 rows)",
                () -> monitoring.overdue(OverdueFilter.all("report")));
        time("dashboard, one agency", () -> monitoring.overdue(
                OverdueFilter.of(null, null, agencies.get(7), "report", null, null, null, null, null)));
        time("dashboard, executors, page 20 of 50 sorted by agency", () -> monitoring.overdue(
                OverdueFilter.of("BENCH", null, null, "report", "executor", "agency", "asc", "20", "50")));
        time("dashboard, reviews", () -> monitoring.overdue(OverdueFilter.all("review")));
        time("export rows, 200 of them", () -> monitoring.overdueRows(
                OverdueFilter.of(null, null, null, "report", null, null, null, "0", "200")));
        ClockUtil.reset();
    }

    private static void time(String what, Supplier<?> work) {
        for (int i = 0; i < 5; i++) {
            work.get();
        }
        long[] ms = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(ms);
        System.out.printf("%-70s p50 %6.1f ms   p95 %6.1f ms%n", what, ms[RUNS / 2] / 1000.0,
                ms[(int) Math.ceil(RUNS * 0.95) - 1] / 1000.0);
    }
}
