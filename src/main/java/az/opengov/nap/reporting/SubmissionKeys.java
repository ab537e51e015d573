package az.opengov.nap.reporting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code submission_key} table: the first result of each (user, idempotency key). */
@Repository
class SubmissionKeys {

    private final JdbcClient jdbc;

    SubmissionKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Submission> find(String username, String key) {
        return jdbc.sql("""
                select fingerprint, task_id, report_id, result_status from submission_key
                where username = ? and idempotency_key = ?""")
                .params(username, key)
                .query((rs, n) -> new Submission(rs.getString("fingerprint"), rs.getString("task_id"),
                        rs.getLong("report_id"), rs.getString("result_status")))
                .optional();
    }

    void insert(String username, String key, Submission s, Instant at) {
        jdbc.sql("""
                insert into submission_key (username, idempotency_key, fingerprint, task_id, report_id,
                    result_status, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(username, key, s.fingerprint(), s.taskId(), s.reportId(), s.status(), Timestamp.from(at))
                .update();
    }

    /** A submission as it was first answered. */
    record Submission(String fingerprint, String taskId, long reportId, String status) {
    }
}
