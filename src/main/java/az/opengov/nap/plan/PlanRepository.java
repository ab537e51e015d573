package az.opengov.nap.plan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class PlanRepository {

    private final JdbcClient jdbc;

    PlanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Plan> findPlan(String code) {
        return jdbc.sql("select * from plan where code = ?").param(code).query((rs, n) -> plan(rs)).optional();
    }

    List<Plan> findPlans() {
        return jdbc.sql("select * from plan order by code").query((rs, n) -> plan(rs)).list();
    }

    void insertPlan(Plan p, Instant at, String by) {
        PlanCalendar c = p.calendar();
        jdbc.sql("""
                insert into plan (code, title, first_year, last_year, year_shift, frequency_months, due_offset_days,
                    reminder_days, escalation_days, revision_days, window_days, imported_at, imported_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.code(), p.title(), p.firstYear(), p.lastYear(), p.yearShift(), c.frequencyMonths(),
                        c.dueOffsetDays(), c.reminderDays(), c.escalationDays(), c.revisionDays(), c.windowDays(),
                        Timestamp.from(at), by)
                .update();
    }

    void insertSection(String planCode, int number, String title) {
        jdbc.sql("insert into plan_section (plan_code, number, title) values (?, ?, ?)")
                .params(planCode, number, title).update();
    }

    List<Section> sections(String planCode) {
        return jdbc.sql("select * from plan_section where plan_code = ? order by number").param(planCode)
                .query((rs, n) -> new Section(rs.getString("plan_code"), rs.getInt("number"), rs.getString("title")))
                .list();
    }

    long insertMeasure(String planCode, NewMeasure m, String extraJson) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into measure (plan_code, code, printed_code, section, subsection, subsection_title, title,
                    indicators, first_year, last_year, status, sort_key, extra)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(planCode, m.code(), m.printedCode(), m.section(), m.subsection(), m.subsectionTitle(),
                        m.title(), m.indicators(), m.firstYear(), m.lastYear(), MeasureStatus.RUNNING.name(),
                        m.sortKey(), extraJson)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void insertParty(long measureId, AgencyRole role, int position, String agencyCode) {
        jdbc.sql("insert into measure_party (measure_id, role, position, agency_code) values (?, ?, ?, ?)")
                .params(measureId, role.name(), position, agencyCode).update();
    }

    List<MeasureAgency> parties(long measureId) {
        return jdbc.sql("""
                select measure_id, agency_code, role, null as named_as, true as active from measure_party
                where measure_id = ? order by role, position""")
                .param(measureId).query((rs, n) -> measureAgency(rs)).list();
    }

    Optional<Measure> findMeasure(long id) {
        return jdbc.sql("select * from measure where id = ?").param(id).query((rs, n) -> measure(rs)).optional();
    }

    List<Measure> findMeasures(java.util.Collection<Long> ids) {
        return jdbc.sql("select * from measure where id in (:ids)").param("ids", ids).query((rs, n) -> measure(rs))
                .list();
    }

    Optional<Measure> findMeasure(String planCode, String code) {
        return jdbc.sql("select * from measure where plan_code = ? and code = ?").params(planCode, code)
                .query((rs, n) -> measure(rs)).optional();
    }

    List<Measure> measures(String planCode) {
        return jdbc.sql("select * from measure where plan_code = ? order by sort_key").param(planCode)
                .query((rs, n) -> measure(rs)).list();
    }

    String extraJson(long id) {
        return jdbc.sql("select extra from measure where id = ?").param(id).query(String.class).optional()
                .orElse(null);
    }

    int updateMeasureStatus(long id, MeasureStatus status, String reason) {
        return jdbc.sql("update measure set status = ?, cancel_reason = coalesce(?, cancel_reason) where id = ?")
                .params(status.name(), reason, id).update();
    }

    void updateProcessInstance(long id, String processInstanceId) {
        jdbc.sql("update measure set process_instance_id = ? where id = ?").params(processInstanceId, id).update();
    }

    List<MeasureAgency> agencies(long measureId) {
        return jdbc.sql("select * from measure_agency where measure_id = ? order by role, agency_code")
                .param(measureId).query((rs, n) -> measureAgency(rs)).list();
    }

    Optional<MeasureAgency> agency(long measureId, String agencyCode) {
        return jdbc.sql("select * from measure_agency where measure_id = ? and agency_code = ?")
                .params(measureId, agencyCode).query((rs, n) -> measureAgency(rs)).optional();
    }

    void insertAgency(long measureId, String agencyCode, AgencyRole role, String namedAs) {
        jdbc.sql("insert into measure_agency (measure_id, agency_code, role, named_as, active) "
                        + "values (?, ?, ?, ?, true)")
                .params(measureId, agencyCode, role.name(), namedAs).update();
    }

    int setAgencyActive(long measureId, String agencyCode, boolean active) {
        return jdbc.sql("update measure_agency set active = ? where measure_id = ? and agency_code = ?")
                .params(active, measureId, agencyCode).update();
    }

    // ---- amendments and the calendar ------------------------------------------------------------------------------

    void updateMeasure(long id, String title, String indicators, int firstYear, int lastYear) {
        jdbc.sql("update measure set title = ?, indicators = ?, first_year = ?, last_year = ? where id = ?")
                .params(title, indicators, firstYear, lastYear, id).update();
    }

    void deleteParties(long measureId) {
        jdbc.sql("delete from measure_party where measure_id = ?").param(measureId).update();
    }

    long insertAmendment(long measureId, LocalDate effective, String reason, String by, Instant at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into measure_amendment (measure_id, effective_date, reason, amended_by, amended_at)
                values (?, ?, ?, ?, ?)""")
                .params(measureId, java.sql.Date.valueOf(effective), reason, by, Timestamp.from(at))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void insertAmendmentChange(long amendmentId, int position, Amendment.Change change) {
        jdbc.sql("""
                insert into measure_amendment_change (amendment_id, position, field, old_value, new_value)
                values (?, ?, ?, ?, ?)""")
                .params(amendmentId, position, change.field().name(), change.before(), change.after()).update();
    }

    List<Amendment> amendments(long measureId) {
        Map<Long, List<Amendment.Change>> changes = new HashMap<>();
        jdbc.sql("""
                select c.* from measure_amendment_change c join measure_amendment a on a.id = c.amendment_id
                where a.measure_id = ? order by c.amendment_id, c.position""").param(measureId)
                .query((rs, n) -> changes.computeIfAbsent(rs.getLong("amendment_id"), k -> new ArrayList<>())
                        .add(new Amendment.Change(Amendment.Field.valueOf(rs.getString("field")),
                                rs.getString("old_value"), rs.getString("new_value"))))
                .list();
        return jdbc.sql("select * from measure_amendment where measure_id = ? order by amended_at, id")
                .param(measureId)
                .query((rs, n) -> new Amendment(rs.getLong("id"), measureId,
                        rs.getDate("effective_date").toLocalDate(), rs.getString("reason"),
                        rs.getTimestamp("amended_at").toInstant(),
                        List.copyOf(changes.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
    }

    int updateCalendar(String planCode, PlanCalendar c) {
        return jdbc.sql("""
                update plan set frequency_months = ?, due_offset_days = ?, reminder_days = ?, escalation_days = ?,
                    revision_days = ?, window_days = ? where code = ?""")
                .params(c.frequencyMonths(), c.dueOffsetDays(), c.reminderDays(), c.escalationDays(),
                        c.revisionDays(), c.windowDays(), planCode)
                .update();
    }

    private static MeasureAgency measureAgency(ResultSet rs) throws SQLException {
        return new MeasureAgency(rs.getLong("measure_id"), rs.getString("agency_code"),
                AgencyRole.valueOf(rs.getString("role")), rs.getString("named_as"), rs.getBoolean("active"));
    }

    private static Plan plan(ResultSet rs) throws SQLException {
        return new Plan(rs.getString("code"), rs.getString("title"), rs.getInt("first_year"), rs.getInt("last_year"),
                rs.getInt("year_shift"), new PlanCalendar(rs.getInt("frequency_months"), rs.getInt("due_offset_days"),
                rs.getInt("reminder_days"), rs.getInt("escalation_days"), rs.getInt("revision_days"),
                rs.getInt("window_days")));
    }

    private static Measure measure(ResultSet rs) throws SQLException {
        return new Measure(rs.getLong("id"), rs.getString("plan_code"), rs.getString("code"),
                rs.getString("printed_code"), rs.getInt("section"), rs.getString("subsection"),
                rs.getString("subsection_title"), rs.getString("title"), rs.getString("indicators"),
                rs.getInt("first_year"), rs.getInt("last_year"), MeasureStatus.valueOf(rs.getString("status")),
                rs.getString("process_instance_id"));
    }
}
