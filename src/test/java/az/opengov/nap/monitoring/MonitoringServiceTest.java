package az.opengov.nap.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.NapException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dashboard's figures against a small data set written straight into the tables, every expected figure counted
 * by hand below. Today is Friday 31 July 2026 in Baku; a review is due 14 days after its report came in.
 *
 * <pre>
 * plan A  task  measure agency        role         due / submitted   days overdue  bucket
 *         r1    1.1     MCHT          executor     30.07             1             1-7
 *         r2    1.1     EDU           executor     24.07             7             1-7
 *         r3    1.1     MILLI_MECLIS  recommended  23.07             8             8-30
 *         r4    2.1     MCHT          executor     01.07             30            8-30
 *         r5    2.1     EDU           executor     30.06             31            31+
 *         r6    2.1     JUSTICE       executor     31.07 (today)     -
 *         r7    1.1     JUSTICE       executor     15.08             -
 *         r8    2.1     ASAN          executor     01.06, completed  -
 *         v1    review of 1.1         came 20.07 (due 03.08)         -
 *         v2    review of 2.1         came 10.07 (due 24.07)         7             1-7
 *         v3    review of 2.1         came 01.06 (due 15.06)         46            31+
 * plan B  agency MARITIME as executor: cycle 1 due 15.01: 1.1 on time (15.01), 2.1 five days late (20.01, again
 *         01.02 after a return); cycle 2 due 15.07: 1.1 on time (10.07), 2.1 missing (16 days by today);
 *         cycle 3 due 20.08: not yet due. Ignored: a recommended part, a removed part, a cancelled measure.
 * </pre>
 */
@SpringBootTest
@ActiveProfiles("test")
class MonitoringServiceTest {

    static final LocalDate TODAY = LocalDate.of(2026, 7, 31);

    @Autowired
    MonitoringService monitoring;
    @Autowired
    JdbcClient jdbc;

    String planA;
    String planB;
    long m11;
    long m21;

    @BeforeEach
    void dataSet() {
        ClockUtil.setCurrentTime(Date.from(Clock.at(TODAY, LocalTime.of(12, 0))));
        String suffix = Long.toString(System.nanoTime(), 36);
        planA = "MON-A-" + suffix;
        planB = "MON-B-" + suffix;
        plan(planA);
        plan(planB);
        m11 = measure(planA, 1, "1.1", "RUNNING");
        m21 = measure(planA, 2, "2.1", "RUNNING");
        task("r1", m11, planA, "1.1", 1, "REPORT", "MCHT", "EXECUTOR", due(7, 30), "OPEN");
        task("r2", m11, planA, "1.1", 1, "REPORT", "EDU", "EXECUTOR", due(7, 24), "OPEN");
        task("r3", m11, planA, "1.1", 1, "INVITED_REPORT", "MILLI_MECLIS", "RECOMMENDED", due(7, 23), "OPEN");
        task("r4", m21, planA, "2.1", 2, "REPORT", "MCHT", "EXECUTOR", due(7, 1), "OPEN");
        task("r5", m21, planA, "2.1", 2, "REPORT", "EDU", "EXECUTOR", due(6, 30), "OPEN");
        task("r6", m21, planA, "2.1", 2, "REPORT", "JUSTICE", "EXECUTOR", due(7, 31), "OPEN");
        task("r7", m11, planA, "1.1", 1, "REPORT", "JUSTICE", "EXECUTOR", due(8, 15), "OPEN");
        task("r8", m21, planA, "2.1", 2, "REPORT", "ASAN", "EXECUTOR", due(6, 1), "COMPLETED");
        review("v1", m11, planA, "1.1", 1, "EDU", LocalDate.of(2026, 7, 20));
        review("v2", m21, planA, "2.1", 2, "MCHT", LocalDate.of(2026, 7, 10));
        review("v3", m21, planA, "2.1", 2, "EDU", LocalDate.of(2026, 6, 1));
    }

    /** Test classes share the application context and its database: leave nothing behind for the others. */
    @AfterEach
    void removeDataSet() {
        ClockUtil.reset();
        for (String plan : List.of(planA, planB)) {
            jdbc.sql("delete from work_item where plan_code = ?").param(plan).update();
            for (String table : List.of("progress_report", "cycle_participant", "reporting_cycle")) {
                jdbc.sql("delete from " + table + " where measure_id in (select id from measure where plan_code = ?)")
                        .param(plan).update();
            }
            jdbc.sql("delete from measure where plan_code = ?").param(plan).update();
            jdbc.sql("delete from plan_section where plan_code = ?").param(plan).update();
            jdbc.sql("delete from plan where code = ?").param(plan).update();
        }
    }

    @Test
    void tilesCountOpenOverdueAndTheReviewBacklog() {
        OverduePage page = monitoring.overdue(filter("plan", planA));
        assertThat(page.tiles()).isEqualTo(new OverduePage.Tiles(10, 5, 3, 2, 60L));
    }

    @Test
    void overdueReportsFallIntoBucketsByCalendarDaysPastDue() {
        OverduePage page = monitoring.overdue(filter("plan", planA));
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.buckets()).isEqualTo(new OverduePage.Buckets(2, 2, 1));
        assertThat(page.rows()).extracting(OverdueRow::taskId).containsExactly(id("r5"), id("r4"), id("r3"),
                id("r2"), id("r1"));
        assertThat(page.rows()).extracting(OverdueRow::daysOverdue).containsExactly(31L, 30L, 8L, 7L, 1L);
        assertThat(page.rows()).extracting(OverdueRow::bucket).containsExactly("31+", "8-30", "8-30", "1-7", "1-7");
        assertThat(page.rows().get(0).dueDate()).isEqualTo(LocalDate.of(2026, 6, 30));
    }

    @Test
    void executorsAndRecommendedBodiesAreCountedApart() {
        OverduePage executors = monitoring.overdue(filter("plan", planA, "role", "executor"));
        assertThat(executors.buckets()).isEqualTo(new OverduePage.Buckets(2, 1, 1));
        OverduePage invited = monitoring.overdue(filter("plan", planA, "role", "recommended"));
        assertThat(invited.buckets()).isEqualTo(new OverduePage.Buckets(0, 1, 0));
        assertThat(invited.rows()).singleElement().satisfies(r -> {
            assertThat(r.agencyCode()).isEqualTo("MILLI_MECLIS");
            assertThat(r.kind()).isEqualTo("INVITED_REPORT");
        });
    }

    @Test
    void groupsByAgencySectionAndMeasure() {
        OverduePage page = monitoring.overdue(filter("plan", planA));
        assertThat(page.byAgency()).extracting(OverduePage.Group::key, OverduePage.Group::days1to7,
                        OverduePage.Group::days8to30, OverduePage.Group::days31plus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("EDU", 1L, 0L, 1L),
                        org.assertj.core.groups.Tuple.tuple("MCHT", 1L, 1L, 0L),
                        org.assertj.core.groups.Tuple.tuple("MILLI_MECLIS", 0L, 1L, 0L));
        assertThat(page.bySection()).extracting(OverduePage.Group::key, OverduePage.Group::total)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(planA + ":1", 3L),
                        org.assertj.core.groups.Tuple.tuple(planA + ":2", 2L));
        assertThat(page.bySection().get(0).label()).contains("Birinci bölmə");
        assertThat(page.byMeasure()).extracting(OverduePage.Group::key, OverduePage.Group::total)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Long.toString(m11), 3L),
                        org.assertj.core.groups.Tuple.tuple(Long.toString(m21), 2L));
    }

    @Test
    void filtersBySectionAndAgencyAndSortsAndPages() {
        assertThat(monitoring.overdue(filter("plan", planA, "section", "2")).rows()).extracting(OverdueRow::taskId)
                .containsExactly(id("r5"), id("r4"));
        assertThat(monitoring.overdue(filter("plan", planA, "agency", "MCHT")).buckets())
                .isEqualTo(new OverduePage.Buckets(1, 1, 0));
        assertThat(monitoring.overdue(filter("plan", planA, "sort", "agency", "dir", "asc")).rows())
                .extracting(OverdueRow::taskId).containsExactly(id("r5"), id("r2"), id("r4"), id("r1"), id("r3"));
        assertThat(monitoring.overdue(filter("plan", planA, "dir", "asc")).rows()).extracting(OverdueRow::taskId)
                .containsExactly(id("r1"), id("r2"), id("r3"), id("r4"), id("r5"));
        OverduePage second = monitoring.overdue(filter("plan", planA, "size", "2", "page", "1"));
        assertThat(second.rows()).extracting(OverdueRow::taskId).containsExactly(id("r3"), id("r2"));
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.hasNext()).isTrue();
        assertThat(monitoring.overdue(filter("plan", planA, "size", "2", "page", "2")).hasNext()).isFalse();
    }

    @Test
    void reviewsAreOverdueAfterTheReviewDays() {
        OverduePage page = monitoring.overdue(filter("plan", planA, "kind", "review"));
        assertThat(page.buckets()).isEqualTo(new OverduePage.Buckets(1, 0, 1));
        assertThat(page.rows()).extracting(OverdueRow::taskId).containsExactly(id("v3"), id("v2"));
        assertThat(page.rows()).extracting(OverdueRow::daysOverdue).containsExactly(46L, 7L);
        assertThat(page.rows().get(1).dueDate()).isEqualTo(LocalDate.of(2026, 7, 24));
    }

    @Test
    void anAgencysOnTimeRatePerCycleAndItsAverageDaysLate() {
        long b1 = measure(planB, 1, "1.1", "RUNNING");
        long b2 = measure(planB, 1, "2.1", "RUNNING");
        long b3 = measure(planB, 1, "3.1", "CANCELLED");
        for (long m : List.of(b1, b2, b3)) {
            cycle(m, 1, LocalDate.of(2025, 12, 31));
            cycle(m, 2, LocalDate.of(2026, 6, 30));
            cycle(m, 3, LocalDate.of(2026, 8, 5));
        }
        participant(b1, 1, "MARITIME", 1, "EXECUTOR", "PUBLISHED", LocalDate.of(2026, 1, 15));
        participant(b2, 1, "MARITIME", 1, "EXECUTOR", "PUBLISHED", LocalDate.of(2026, 1, 15));
        participant(b1, 2, "MARITIME", 1, "EXECUTOR", "OPEN", LocalDate.of(2026, 7, 15));
        participant(b2, 2, "MARITIME", 1, "EXECUTOR", "OPEN", LocalDate.of(2026, 7, 15));
        participant(b1, 3, "MARITIME", 1, "EXECUTOR", "OPEN", LocalDate.of(2026, 8, 20));
        // not counted: a recommended part, a removed one, a cancelled measure
        participant(b1, 2, "MILLI_MECLIS", 2, "RECOMMENDED", "OPEN", LocalDate.of(2026, 7, 15));
        participant(b2, 3, "MARITIME", 1, "EXECUTOR", "REMOVED", LocalDate.of(2026, 8, 1));
        participant(b3, 1, "MARITIME", 1, "EXECUTOR", "OPEN", LocalDate.of(2026, 1, 15));
        report(b1, 1, "MARITIME", 1, "PUBLISHED", at(2026, 1, 15, 22));
        report(b2, 1, "MARITIME", 1, "RETURNED", at(2026, 1, 20, 9));
        report(b2, 1, "MARITIME", 2, "PUBLISHED", at(2026, 2, 1, 9));
        report(b1, 2, "MARITIME", 1, "SUBMITTED", at(2026, 7, 10, 9));
        task("x1", b2, planB, "2.1", 1, "REPORT", "MARITIME", "EXECUTOR", due(7, 15), "OPEN");
        task("x2", b1, planB, "1.1", 1, "REPORT", "MARITIME", "EXECUTOR", due(8, 20), "OPEN");

        AgencyReport report = monitoring.agency("MARITIME");
        assertThat(report.open()).isEqualTo(2);
        assertThat(report.overdue()).isEqualTo(1);
        assertThat(report.onTimeRate()).isEqualTo(0.5);
        assertThat(report.averageDaysLate()).isEqualTo(10.5);
        List<AgencyReport.Cycle> cycles = report.cycles().stream().filter(c -> c.planCode().equals(planB)).toList();
        assertThat(cycles).extracting(AgencyReport.Cycle::number, AgencyReport.Cycle::due, AgencyReport.Cycle::onTime,
                        AgencyReport.Cycle::late, AgencyReport.Cycle::missing, AgencyReport.Cycle::pending)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2L, 1L, 1L, 0L, 0L),
                        org.assertj.core.groups.Tuple.tuple(2, 2L, 1L, 1L, 1L, 0L),
                        org.assertj.core.groups.Tuple.tuple(3, 0L, 0L, 0L, 0L, 1L));
        assertThat(cycles).extracting(AgencyReport.Cycle::onTimeRate).containsExactly(0.5, 0.5, null);
        assertThat(cycles).extracting(AgencyReport.Cycle::averageDaysLate).containsExactly(5.0, 16.0, null);
    }

    @Test
    void aMeasureShowsWhoReportedWhoIsLateAndWhoWasReturned() {
        cycle(m11, 1, LocalDate.of(2026, 6, 30));
        participant(m11, 1, "MCHT", 1, "EXECUTOR", "OPEN", LocalDate.of(2026, 7, 30));
        participant(m11, 1, "EDU", 2, "EXECUTOR", "OPEN", LocalDate.of(2026, 7, 24));
        participant(m11, 1, "JUSTICE", 3, "EXECUTOR", "PUBLISHED", LocalDate.of(2026, 7, 15));
        participant(m11, 1, "MILLI_MECLIS", 4, "RECOMMENDED", "OPEN", LocalDate.of(2026, 7, 23));
        participant(m11, 1, "ASAN", 5, "EXECUTOR", "REMOVED", LocalDate.of(2026, 7, 15));
        report(m11, 1, "EDU", 1, "RETURNED", at(2026, 7, 20, 9));
        report(m11, 1, "MILLI_MECLIS", 1, "SUBMITTED", at(2026, 7, 22, 9));
        report(m11, 1, "JUSTICE", 1, "PUBLISHED", at(2026, 7, 14, 9));

        MeasureReport report = monitoring.measure(m11);
        assertThat(report.code()).isEqualTo("1.1");
        assertThat(report.participations()).extracting(MeasureReport.Participation::agencyCode,
                        MeasureReport.Participation::state, MeasureReport.Participation::daysOverdue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("MCHT", "LATE", 1L),
                        org.assertj.core.groups.Tuple.tuple("EDU", "RETURNED", 0L),
                        org.assertj.core.groups.Tuple.tuple("JUSTICE", "PUBLISHED", 0L),
                        org.assertj.core.groups.Tuple.tuple("MILLI_MECLIS", "SUBMITTED", 0L),
                        org.assertj.core.groups.Tuple.tuple("ASAN", "REMOVED", 0L));
        assertThat(report.participations().get(0).openTaskId()).isEqualTo(id("r1"));
    }

    @Test
    void badFiltersAreRefusedWithEveryParameterNamed() {
        assertThatThrownBy(() -> OverdueFilter.of(null, "x", null, "overdue", "boss", "size", "up", "-1", "500"))
                .isInstanceOfSatisfying(NapException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.errors()).extracting(p -> p.field())
                            .containsExactly("section", "kind", "role", "sort", "dir", "page", "size");
                });
        assertThatThrownBy(() -> monitoring.overdue(filter("plan", "NO-SUCH-PLAN", "agency", "NOBODY")))
                .isInstanceOfSatisfying(NapException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.errors()).extracting(p -> p.field()).containsExactly("plan", "agency");
                });
    }

    // ---- the data set -------------------------------------------------------------------------------------------

    String id(String name) {
        return planA + "-" + name;
    }

    static OverdueFilter filter(String... pairs) {
        java.util.Map<String, String> p = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return OverdueFilter.of(p.get("plan"), p.get("section"), p.get("agency"), p.get("kind"), p.get("role"),
                p.get("sort"), p.get("dir"), p.get("page"), p.get("size"));
    }

    private static Instant due(int month, int day) {
        return Clock.endOf(LocalDate.of(2026, month, day));
    }

    private static Instant at(int year, int month, int day, int hour) {
        return Clock.at(LocalDate.of(year, month, day), LocalTime.of(hour, 0));
    }

    private void plan(String code) {
        jdbc.sql("""
                insert into plan (code, title, first_year, last_year, year_shift, frequency_months, due_offset_days,
                  reminder_days, escalation_days, revision_days, window_days, imported_at, imported_by)
                values (?, 'Monitoring test plan', 2026, 2026, 0, 6, 15, 7, 7, 10, 30, ?, 'test')""")
                .params(code, Timestamp.from(Instant.now())).update();
        jdbc.sql("insert into plan_section (plan_code, number, title) values (?, 1, 'Birinci bölmə'), (?, 2, 'İkinci')")
                .params(code, code).update();
    }

    private long measure(String plan, int section, String code, String status) {
        jdbc.sql("""
                insert into measure (plan_code, code, section, title, first_year, last_year, status, sort_key)
                values (?, ?, ?, ?, 2026, 2026, ?, ?)""")
                .params(plan, code, section, "Tədbir " + code, status, section * 100).update();
        return jdbc.sql("select id from measure where plan_code = ? and code = ?").params(plan, code)
                .query(Long.class).single();
    }

    private void task(String name, long measure, String plan, String code, int section, String kind, String agency,
                      String role, Instant due, String state) {
        jdbc.sql("""
                insert into work_item (task_id, process_instance_id, kind, plan_code, measure_id, measure_code, section,
                  cycle_number, agency_code, role, candidate_group, returned, state, created_at, due_at)
                values (?, 'pi', ?, ?, ?, ?, ?, 1, ?, ?, ?, false, ?, ?, ?)""")
                .params(plan.equals(planA) ? id(name) : plan + "-" + name, kind, plan, measure, code, section, agency,
                        role, agency, state, Timestamp.from(at(2026, 1, 1, 9)), Timestamp.from(due))
                .update();
    }

    private void review(String name, long measure, String plan, String code, int section, String agency,
                        LocalDate came) {
        jdbc.sql("""
                insert into work_item (task_id, process_instance_id, kind, plan_code, measure_id, measure_code, section,
                  cycle_number, agency_code, role, candidate_group, returned, state, created_at)
                values (?, 'pi', 'REVIEW', ?, ?, ?, ?, 1, ?, 'EXECUTOR', 'commission', false, 'OPEN', ?)""")
                .params(id(name), plan, measure, code, section, agency,
                        Timestamp.from(Clock.at(came, LocalTime.of(10, 0))))
                .update();
    }

    private void cycle(long measure, int number, LocalDate periodEnd) {
        jdbc.sql("""
                insert into reporting_cycle (measure_id, number, period_start, period_end, due_date, final_cycle)
                values (?, ?, ?, ?, ?, false)""")
                .params(measure, number, periodEnd.minusMonths(6), periodEnd, periodEnd.plusDays(15)).update();
    }

    private void participant(long measure, int cycle, String agency, int position, String role, String status,
                             LocalDate due) {
        jdbc.sql("""
                insert into cycle_participant (measure_id, cycle_number, agency_code, position, role, status, due_date)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(measure, cycle, agency, position, role, status, due).update();
    }

    private void report(long measure, int cycle, String agency, int version, String status, Instant submitted) {
        jdbc.sql("""
                insert into progress_report (measure_id, cycle_number, agency_code, version, status, created_by,
                  created_at, updated_at, submitted_by, submitted_at)
                values (?, ?, ?, ?, ?, 'test', ?, ?, 'test', ?)""")
                .params(measure, cycle, agency, version, status, Timestamp.from(submitted), Timestamp.from(submitted),
                        Timestamp.from(submitted))
                .update();
    }
}
