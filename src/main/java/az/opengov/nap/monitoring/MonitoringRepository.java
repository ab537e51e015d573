package az.opengov.nap.monitoring;

import az.opengov.nap.shared.Clock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's reads: counts and buckets with SQL {@code GROUP BY}, rows with {@code OFFSET/FETCH}, all on the
 * project's own tables ({@code work_item}, {@code cycle_participant}, {@code progress_report}), never the engine's.
 * Days overdue are calendar days in Baku: a task is in a bucket when its due date (for a review: its submission plus
 * the review days) falls before the start of a given day, so the bounds are instants the caller computes once.
 */
@Repository
class MonitoringRepository {

    static final String REPORT_KINDS = "('REPORT', 'INVITED_REPORT')";

    private final JdbcClient jdbc;

    MonitoringRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Start of today, of 7 and of 30 days ago (Baku), for reports; the same moved back by the review days. */
    record Window(LocalDate today, int reviewDays, Timestamp t0, Timestamp t7, Timestamp t30, Timestamp r0,
                  Timestamp r7, Timestamp r30) {

        static Window of(LocalDate today, int reviewDays) {
            return new Window(today, reviewDays, start(today), start(today.minusDays(7)), start(today.minusDays(30)),
                    start(today.minusDays(reviewDays)), start(today.minusDays(7L + reviewDays)),
                    start(today.minusDays(30L + reviewDays)));
        }

        private static Timestamp start(LocalDate day) {
            return Timestamp.from(day.atStartOfDay(Clock.BAKU).toInstant());
        }
    }

    /** A where clause with its parameters. */
    private record Where(String sql, Map<String, Object> params) {
    }

    private static Where base(OverdueFilter f, Window w) {
        StringBuilder sql = new StringBuilder("w.state = 'OPEN'");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("t0", w.t0());
        p.put("t7", w.t7());
        p.put("t30", w.t30());
        p.put("r0", w.r0());
        p.put("r7", w.r7());
        p.put("r30", w.r30());
        if (f.plan() != null) {
            sql.append(" and w.plan_code = :plan");
            p.put("plan", f.plan());
        }
        if (f.section() != null) {
            sql.append(" and w.section = :section");
            p.put("section", f.section());
        }
        if (f.agency() != null) {
            sql.append(" and w.agency_code = :agency");
            p.put("agency", f.agency());
        }
        if (f.role() != null) {
            sql.append(" and w.role = :role");
            p.put("role", f.role().toUpperCase(java.util.Locale.ROOT));
        }
        return new Where(sql.toString(), p);
    }

    private static Where overdue(OverdueFilter f, Window w) {
        Where base = base(f, w);
        String kind = f.reviews() ? " and w.kind = 'REVIEW' and w.created_at < :r0"
                : " and w.kind in " + REPORT_KINDS + " and w.due_at < :t0";
        return new Where(base.sql() + kind, base.params());
    }

    /** 1, 2 or 3 for the buckets 1-7, 8-30, 31+ days overdue. */
    private static String bucket(OverdueFilter f) {
        return f.reviews()
                ? "case when w.created_at < :r30 then 3 when w.created_at < :r7 then 2 else 1 end"
                : "case when w.due_at < :t30 then 3 when w.due_at < :t7 then 2 else 1 end";
    }

    private static String sums(OverdueFilter f) {
        String b = bucket(f);
        return "coalesce(sum(case when " + b + " = 1 then 1 else 0 end), 0) as b1, "
                + "coalesce(sum(case when " + b + " = 2 then 1 else 0 end), 0) as b2, "
                + "coalesce(sum(case when " + b + " = 3 then 1 else 0 end), 0) as b3";
    }

    OverduePage.Tiles tiles(OverdueFilter f, Window w) {
        Where where = base(f, w);
        return jdbc.sql("""
                        select count(*) as open_tasks,
                          coalesce(sum(case when w.kind in %s and w.due_at < :t0 then 1 else 0 end), 0)
                            as overdue_reports,
                          coalesce(sum(case when w.kind = 'REVIEW' then 1 else 0 end), 0) as backlog,
                          coalesce(sum(case when w.kind = 'REVIEW' and w.created_at < :r0 then 1 else 0 end), 0)
                            as overdue_reviews,
                          min(case when w.kind = 'REVIEW' then w.created_at end) as oldest_review
                        from work_item w where %s and w.kind in ('REPORT', 'INVITED_REPORT', 'REVIEW')"""
                        .formatted(REPORT_KINDS, where.sql()))
                .params(where.params())
                .query((rs, n) -> {
                    Timestamp oldest = rs.getTimestamp("oldest_review");
                    Long age = oldest == null ? null : java.time.temporal.ChronoUnit.DAYS.between(
                            LocalDate.ofInstant(oldest.toInstant(), Clock.BAKU), w.today());
                    return new OverduePage.Tiles(rs.getLong("open_tasks"), rs.getLong("overdue_reports"),
                            rs.getLong("backlog"), rs.getLong("overdue_reviews"), age);
                }).single();
    }

    OverduePage.Buckets buckets(OverdueFilter f, Window w) {
        Where where = overdue(f, w);
        return jdbc.sql("select " + sums(f) + " from work_item w where " + where.sql())
                .params(where.params())
                .query((rs, n) -> new OverduePage.Buckets(rs.getLong("b1"), rs.getLong("b2"), rs.getLong("b3")))
                .single();
    }

    /** Overdue tasks by agency, largest first. */
    List<OverduePage.Group> byAgency(OverdueFilter f, Window w, int limit) {
        Where where = overdue(f, w);
        return jdbc.sql("select w.agency_code as k, " + sums(f) + " from work_item w where " + where.sql()
                        + " group by w.agency_code order by count(*) desc, w.agency_code fetch first " + limit
                        + " rows only")
                .params(where.params())
                .query((rs, n) -> group(rs, rs.getString("k"), rs.getString("k"))).list();
    }

    /** Overdue tasks by plan section, largest first. */
    List<OverduePage.Group> bySection(OverdueFilter f, Window w, int limit) {
        Where where = overdue(f, w);
        return jdbc.sql("select w.plan_code as p, w.section as s, s.title as t, " + sums(f)
                        + " from work_item w left join plan_section s on s.plan_code = w.plan_code"
                        + " and s.number = w.section where " + where.sql()
                        + " group by w.plan_code, w.section, s.title order by count(*) desc, w.plan_code, w.section"
                        + " fetch first " + limit + " rows only")
                .params(where.params())
                .query((rs, n) -> group(rs, rs.getString("p") + ":" + rs.getInt("s"),
                        rs.getString("p") + " · " + rs.getInt("s") + (rs.getString("t") == null ? ""
                                : ". " + rs.getString("t")))).list();
    }

    /** Overdue tasks by measure, largest first. */
    List<OverduePage.Group> byMeasure(OverdueFilter f, Window w, int limit) {
        Where where = overdue(f, w);
        return jdbc.sql("select w.measure_id as id, w.plan_code as p, w.measure_code as c, " + sums(f)
                        + " from work_item w where " + where.sql()
                        + " group by w.measure_id, w.plan_code, w.measure_code"
                        + " order by count(*) desc, w.plan_code, w.measure_id fetch first " + limit + " rows only")
                .params(where.params())
                .query((rs, n) -> group(rs, Long.toString(rs.getLong("id")),
                        rs.getString("p") + " · " + rs.getString("c"))).list();
    }

    private static OverduePage.Group group(ResultSet rs, String key, String label) throws SQLException {
        return new OverduePage.Group(key, label, rs.getLong("b1"), rs.getLong("b2"), rs.getLong("b3"));
    }

    /** The raw rows of one page, in the filter's order. */
    List<RawRow> rows(OverdueFilter f, Window w) {
        Where where = overdue(f, w);
        String due = f.reviews() ? "w.created_at" : "w.due_at";
        String dir = f.desc() ? "desc" : "asc";
        // "days" descending = the earliest due first
        String order = switch (f.sort()) {
            case "agency" -> "w.agency_code " + dir + ", " + due + ", w.task_id";
            case "measure" -> "w.plan_code " + dir + ", m.sort_key " + dir + ", w.agency_code, w.task_id";
            case "plan" -> "w.plan_code " + dir + ", " + due + ", w.task_id";
            default -> due + (f.desc() ? " asc" : " desc") + ", w.task_id";
        };
        Map<String, Object> params = new LinkedHashMap<>(where.params());
        params.put("offset", (long) f.page() * f.size());
        params.put("limit", f.size());
        return jdbc.sql("""
                        select w.task_id, w.kind, w.plan_code, w.measure_id, w.measure_code, m.title, w.section,
                               w.cycle_number, w.agency_code, w.role, w.returned, w.created_at, w.due_at
                        from work_item w join measure m on m.id = w.measure_id
                        where %s order by %s offset :offset rows fetch next :limit rows only"""
                        .formatted(where.sql(), order))
                .params(params)
                .query((rs, n) -> new RawRow(rs.getString("task_id"), rs.getString("kind"), rs.getString("plan_code"),
                        rs.getLong("measure_id"), rs.getString("measure_code"), rs.getString("title"),
                        rs.getInt("section"), (Integer) rs.getObject("cycle_number"), rs.getString("agency_code"),
                        rs.getString("role"), rs.getBoolean("returned"), instant(rs, "created_at"),
                        instant(rs, "due_at")))
                .list();
    }

    record RawRow(String taskId, String kind, String planCode, long measureId, String measureCode, String title,
                  int section, Integer cycle, String agencyCode, String role, boolean returned, Instant createdAt,
                  Instant dueAt) {
    }

    /** An agency's open report tasks, and those of them overdue. */
    long[] openAndOverdue(String agency, Window w) {
        return jdbc.sql("""
                        select count(*) as o, coalesce(sum(case when w.due_at < :t0 then 1 else 0 end), 0) as d
                        from work_item w where w.agency_code = :agency and w.state = 'OPEN' and w.kind in %s"""
                        .formatted(REPORT_KINDS))
                .param("agency", agency).param("t0", w.t0())
                .query((rs, n) -> new long[] {rs.getLong("o"), rs.getLong("d")}).single();
    }

    /** Every cycle an agency took part in as an executor, with its due date and first submission. */
    List<Participation> executorParticipations(String agency) {
        return jdbc.sql("""
                        select m.plan_code, p.cycle_number, p.due_date, c.period_end,
                          (select min(r.submitted_at) from progress_report r where r.measure_id = p.measure_id
                             and r.cycle_number = p.cycle_number and r.agency_code = p.agency_code
                             and r.submitted_at is not null) as first_submitted
                        from cycle_participant p
                        join measure m on m.id = p.measure_id
                        join reporting_cycle c on c.measure_id = p.measure_id and c.number = p.cycle_number
                        where p.agency_code = :agency and p.role = 'EXECUTOR' and p.status <> 'REMOVED'
                          and m.status <> 'CANCELLED'
                        order by m.plan_code, p.cycle_number""")
                .param("agency", agency)
                .query((rs, n) -> new Participation(rs.getString("plan_code"), rs.getInt("cycle_number"),
                        rs.getObject("due_date", LocalDate.class), rs.getObject("period_end", LocalDate.class),
                        instant(rs, "first_submitted")))
                .list();
    }

    record Participation(String planCode, int cycle, LocalDate dueDate, LocalDate periodEnd, Instant firstSubmitted) {
    }

    /** A measure's participants in every cycle, with the status of their latest report and their open task. */
    List<MeasureRow> measureRows(long measureId) {
        return jdbc.sql("""
                        select p.cycle_number, p.agency_code, p.role, p.status, p.due_date,
                          (select r.status from progress_report r where r.measure_id = p.measure_id
                             and r.cycle_number = p.cycle_number and r.agency_code = p.agency_code
                             and r.version = (select max(v.version) from progress_report v
                               where v.measure_id = p.measure_id and v.cycle_number = p.cycle_number
                                 and v.agency_code = p.agency_code)) as report_status,
                          (select max(w.task_id) from work_item w where w.measure_id = p.measure_id
                             and w.cycle_number = p.cycle_number and w.agency_code = p.agency_code
                             and w.state = 'OPEN' and w.kind in ('REPORT', 'INVITED_REPORT')) as open_task
                        from cycle_participant p where p.measure_id = :measure
                        order by p.cycle_number, p.position""")
                .param("measure", measureId)
                .query((rs, n) -> new MeasureRow(rs.getInt("cycle_number"), rs.getString("agency_code"),
                        rs.getString("role"), rs.getString("status"), rs.getObject("due_date", LocalDate.class),
                        rs.getString("report_status"), rs.getString("open_task")))
                .list();
    }

    record MeasureRow(int cycle, String agencyCode, String role, String status, LocalDate dueDate,
                      String reportStatus, String openTask) {
    }

    /** Whether a manual reminder went to this agency for this measure and cycle since the given moment. */
    boolean remindedSince(long measureId, int cycle, String agency, Instant since) {
        return jdbc.sql("""
                        select count(*) from measure_action where measure_id = :m and action = 'REMINDER_SENT'
                          and agency_code = :a and cycle_number = :c and acted_at >= :since""")
                .param("m", measureId).param("a", agency).param("c", cycle).param("since", Timestamp.from(since))
                .query(Long.class).single() > 0;
    }

    boolean planExists(String code) {
        return jdbc.sql("select count(*) from plan where code = ?").param(code).query(Long.class).single() > 0;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
