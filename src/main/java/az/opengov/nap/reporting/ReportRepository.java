package az.opengov.nap.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ReportRepository {

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ProgressReport> find(long id) {
        return jdbc.sql("select * from progress_report where id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    Optional<ProgressReport> latest(long measureId, int cycle, String agency) {
        return jdbc.sql("""
                select * from progress_report where measure_id = ? and cycle_number = ? and agency_code = ?
                order by version desc""")
                .params(measureId, cycle, agency).query((rs, n) -> map(rs)).list().stream().findFirst();
    }

    List<ProgressReport> versions(long measureId, String agency) {
        return jdbc.sql("""
                select * from progress_report where measure_id = ? and agency_code = ?
                order by cycle_number, version""")
                .params(measureId, agency).query((rs, n) -> map(rs)).list();
    }

    List<ProgressReport> published(long measureId) {
        return jdbc.sql("""
                select * from progress_report where measure_id = ? and status = 'PUBLISHED'
                order by cycle_number, agency_code, version""")
                .param(measureId).query((rs, n) -> map(rs)).list();
    }

    long insert(long measureId, int cycle, String agency, int version, ReportContent c, String user, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into progress_report (measure_id, cycle_number, agency_code, version, status, completion_level,
                    what_was_done, indicator_values, obstacles, next_steps, evidence_links, created_by, created_at,
                    updated_at)
                values (?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(measureId, cycle, agency, version, c.completionLevel(), c.whatWasDone(), c.indicatorValues(),
                        c.obstacles(), c.nextSteps(), c.evidenceLinks(), user, Timestamp.from(at), Timestamp.from(at))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** A version submitted as it is written: no draft before it. */
    long insertSubmitted(long measureId, int cycle, String agency, int version, ReportContent c, String user,
                         Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into progress_report (measure_id, cycle_number, agency_code, version, status, completion_level,
                    what_was_done, indicator_values, obstacles, next_steps, evidence_links, created_by, created_at,
                    updated_at, submitted_by, submitted_at)
                values (?, ?, ?, ?, 'SUBMITTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(measureId, cycle, agency, version, c.completionLevel(), c.whatWasDone(), c.indicatorValues(),
                        c.obstacles(), c.nextSteps(), c.evidenceLinks(), user, Timestamp.from(at), Timestamp.from(at),
                        user, Timestamp.from(at))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** The draft, written over and submitted in one step. */
    int submitContent(long id, ReportContent c, String user, Instant at) {
        return jdbc.sql("""
                update progress_report set completion_level = ?, what_was_done = ?, indicator_values = ?,
                    obstacles = ?, next_steps = ?, evidence_links = ?, updated_at = ?, status = 'SUBMITTED',
                    submitted_by = ?, submitted_at = ?
                where id = ? and status = 'DRAFT'""")
                .params(c.completionLevel(), c.whatWasDone(), c.indicatorValues(), c.obstacles(), c.nextSteps(),
                        c.evidenceLinks(), Timestamp.from(at), user, Timestamp.from(at), id)
                .update();
    }

    int updateContent(long id, ReportContent c, Instant at) {
        return jdbc.sql("""
                update progress_report set completion_level = ?, what_was_done = ?, indicator_values = ?,
                    obstacles = ?, next_steps = ?, evidence_links = ?, updated_at = ?
                where id = ? and status = 'DRAFT'""")
                .params(c.completionLevel(), c.whatWasDone(), c.indicatorValues(), c.obstacles(), c.nextSteps(),
                        c.evidenceLinks(), Timestamp.from(at), id)
                .update();
    }

    int markSubmitted(long id, String user, Instant at) {
        return jdbc.sql("""
                update progress_report set status = 'SUBMITTED', submitted_by = ?, submitted_at = ?, updated_at = ?
                where id = ? and status = 'DRAFT'""")
                .params(user, Timestamp.from(at), Timestamp.from(at), id).update();
    }

    int changeStatus(long id, ReportStatus from, ReportStatus to, Instant at) {
        return jdbc.sql("update progress_report set status = ?, updated_at = ? where id = ? and status = ?")
                .params(to.name(), Timestamp.from(at), id, from.name()).update();
    }

    private static ProgressReport map(ResultSet rs) throws SQLException {
        return new ProgressReport(rs.getLong("id"), rs.getLong("measure_id"), rs.getInt("cycle_number"),
                rs.getString("agency_code"), rs.getInt("version"), ReportStatus.valueOf(rs.getString("status")),
                new ReportContent(rs.getString("completion_level"), rs.getString("what_was_done"),
                        rs.getString("indicator_values"), rs.getString("obstacles"), rs.getString("next_steps"),
                        rs.getString("evidence_links")),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"),
                rs.getString("submitted_by"), instant(rs, "submitted_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
