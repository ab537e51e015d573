package az.opengov.nap.measure;

import az.opengov.nap.plan.AgencyRole;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CycleRepository {

    private final JdbcClient jdbc;

    CycleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ReportingCycle> cycles(long measureId) {
        return jdbc.sql("select * from reporting_cycle where measure_id = ? order by number").param(measureId)
                .query((rs, n) -> cycle(rs)).list();
    }

    Optional<ReportingCycle> cycle(long measureId, int number) {
        return jdbc.sql("select * from reporting_cycle where measure_id = ? and number = ?").params(measureId, number)
                .query((rs, n) -> cycle(rs)).optional();
    }

    void insertCycle(ReportingCycle c) {
        jdbc.sql("""
                insert into reporting_cycle (measure_id, number, period_start, period_end, due_date, final_cycle)
                values (?, ?, ?, ?, ?, ?)""")
                .params(c.measureId(), c.number(), Date.valueOf(c.periodStart()), Date.valueOf(c.periodEnd()),
                        Date.valueOf(c.dueDate()), c.finalCycle())
                .update();
    }

    int markOpened(long measureId, int number, Instant at) {
        return jdbc.sql("update reporting_cycle set opened_at = ? where measure_id = ? and number = ? "
                        + "and opened_at is null")
                .params(Timestamp.from(at), measureId, number).update();
    }

    int lastOpened(long measureId) {
        return jdbc.sql("select coalesce(max(number), 0) from reporting_cycle where measure_id = ? "
                        + "and opened_at is not null")
                .param(measureId).query(Integer.class).single();
    }

    /** Removes the cycles after {@code number} (not opened, so without participants) and the final mark of the rest. */
    void deleteCyclesAfter(long measureId, int number) {
        jdbc.sql("delete from reporting_cycle where measure_id = ? and number > ? and opened_at is null")
                .params(measureId, number).update();
        jdbc.sql("update reporting_cycle set final_cycle = false where measure_id = ?").param(measureId).update();
    }

    List<Participant> participants(long measureId, int cycle) {
        return jdbc.sql("select * from cycle_participant where measure_id = ? and cycle_number = ? order by position")
                .params(measureId, cycle).query((rs, n) -> participant(rs)).list();
    }

    List<Participant> participantsOf(long measureId, String agencyCode) {
        return jdbc.sql("select * from cycle_participant where measure_id = ? and agency_code = ? "
                        + "order by cycle_number")
                .params(measureId, agencyCode).query((rs, n) -> participant(rs)).list();
    }

    Optional<Participant> participant(long measureId, int cycle, String agencyCode) {
        return jdbc.sql("select * from cycle_participant where measure_id = ? and cycle_number = ? and agency_code = ?")
                .params(measureId, cycle, agencyCode).query((rs, n) -> participant(rs)).optional();
    }

    Optional<Participant> participantAt(long measureId, int cycle, int position) {
        return jdbc.sql("select * from cycle_participant where measure_id = ? and cycle_number = ? and position = ?")
                .params(measureId, cycle, position).query((rs, n) -> participant(rs)).optional();
    }

    int nextPosition(long measureId, int cycle) {
        return jdbc.sql("select coalesce(max(position) + 1, 0) from cycle_participant where measure_id = ? "
                        + "and cycle_number = ?")
                .params(measureId, cycle).query(Integer.class).single();
    }

    void insertParticipant(Participant p) {
        insertParticipants(List.of(p));
    }

    /** In one statement: a cycle of a measure executed by a collective has 150 participants. */
    void insertParticipants(List<Participant> participants) {
        if (participants.isEmpty()) {
            return;
        }
        List<Object> values = new ArrayList<>();
        for (Participant p : participants) {
            values.addAll(List.of(p.measureId(), p.cycleNumber(), p.agencyCode(), p.position(), p.role().name(),
                    p.status().name(), Date.valueOf(p.dueDate())));
        }
        jdbc.sql("insert into cycle_participant (measure_id, cycle_number, agency_code, position, role, status, "
                        + "due_date) values " + String.join(", ", Collections.nCopies(participants.size(),
                        "(?, ?, ?, ?, ?, ?, ?)")))
                .params(values).update();
    }

    int updateStatus(long measureId, int cycle, String agencyCode, ParticipantStatus status) {
        return jdbc.sql("update cycle_participant set status = ? where measure_id = ? and cycle_number = ? "
                        + "and agency_code = ?")
                .params(status.name(), measureId, cycle, agencyCode).update();
    }

    int updateDueDate(long measureId, int cycle, String agencyCode, LocalDate due) {
        return jdbc.sql("update cycle_participant set due_date = ? where measure_id = ? and cycle_number = ? "
                        + "and agency_code = ?")
                .params(Date.valueOf(due), measureId, cycle, agencyCode).update();
    }

    void insertAction(long measureId, String action, String agencyCode, Integer cycle, String reason, String details,
                      String actor, Instant at) {
        jdbc.sql("""
                insert into measure_action (measure_id, action, agency_code, cycle_number, reason, details, actor,
                    acted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(measureId, action, agencyCode, cycle, reason, details, actor, Timestamp.from(at)).update();
    }

    List<MeasureAction> actions(long measureId) {
        return jdbc.sql("select * from measure_action where measure_id = ? order by acted_at, id").param(measureId)
                .query((rs, n) -> new MeasureAction(rs.getString("action"), rs.getString("agency_code"),
                        (Integer) rs.getObject("cycle_number"), rs.getString("reason"), rs.getString("details"),
                        rs.getString("actor"), rs.getTimestamp("acted_at").toInstant()))
                .list();
    }

    private static ReportingCycle cycle(ResultSet rs) throws SQLException {
        return new ReportingCycle(rs.getLong("measure_id"), rs.getInt("number"),
                rs.getDate("period_start").toLocalDate(), rs.getDate("period_end").toLocalDate(),
                rs.getDate("due_date").toLocalDate(), rs.getBoolean("final_cycle"));
    }

    private static Participant participant(ResultSet rs) throws SQLException {
        return new Participant(rs.getLong("measure_id"), rs.getInt("cycle_number"), rs.getString("agency_code"),
                rs.getInt("position"), AgencyRole.valueOf(rs.getString("role")),
                ParticipantStatus.valueOf(rs.getString("status")), rs.getDate("due_date").toLocalDate());
    }
}
