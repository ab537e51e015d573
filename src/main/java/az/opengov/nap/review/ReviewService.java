package az.opengov.nap.review;

import az.opengov.nap.reporting.ProgressReport;
import az.opengov.nap.reporting.ReportStatus;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.FormDefinitions;
import az.opengov.nap.shared.NapException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The commission's review: approve a submitted report, or return it with a comment. One decision per version. */
@Service
public class ReviewService {

    private final JdbcClient jdbc;
    private final ReportingService reports;
    private final FormDefinitions forms;

    ReviewService(JdbcClient jdbc, ReportingService reports, FormDefinitions forms) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.forms = forms;
    }

    /**
     * Records a decision. A return needs a comment; nobody reviews their own agency's report; a version is decided
     * once.
     */
    @Transactional
    public Review decide(long reportId, String decision, String comment, String completionLevel, String reviewer,
                         String reviewerAgency) {
        check(decision, comment, completionLevel);
        ProgressReport report = reports.get(reportId);
        if (reviewerAgency != null && reviewerAgency.equals(report.agencyCode())) {
            throw new NapException(org.springframework.http.HttpStatus.FORBIDDEN, "error.review.ownAgency");
        }
        if (report.status() != ReportStatus.SUBMITTED) {
            throw NapException.conflict("error.report.wrongStatus", report.status(), ReportStatus.SUBMITTED);
        }
        ReviewDecision d = ReviewDecision.valueOf(decision);
        try {
            jdbc.sql("""
                    insert into review_decision (report_id, decision, comment, completion_level, reviewer, decided_at)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(reportId, d.name(), blankToNull(comment), blankToNull(completionLevel), reviewer,
                            Timestamp.from(Clock.now()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw NapException.conflict("error.review.alreadyDecided");
        }
        if (d == ReviewDecision.APPROVED) {
            reports.markApproved(reportId);
        } else {
            reports.markReturned(reportId);
        }
        return find(reportId).orElseThrow();
    }

    /** The form's rules and "a return needs a comment", every problem at once. */
    public void check(String decision, String comment, String completionLevel) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("decision", decision);
        values.put("comment", comment);
        values.put("completionLevel", completionLevel);
        List<FieldProblem> problems = new ArrayList<>(forms.validate(FormDefinitions.PROGRESS_REVIEW, values));
        if (ReviewDecision.RETURNED.name().equals(decision) && (comment == null || comment.isBlank())) {
            problems.add(FieldProblem.of("comment", "validation.commentRequiredOnReturn"));
        }
        if (!problems.isEmpty()) {
            throw NapException.invalid(problems);
        }
    }

    public Optional<Review> find(long reportId) {
        return jdbc.sql("select * from review_decision where report_id = ?").param(reportId)
                .query((rs, n) -> review(rs)).optional();
    }

    /** The decisions on a measure's published report versions, by report id: one read for the public catalogue. */
    public java.util.Map<Long, Review> ofPublished(long measureId) {
        java.util.Map<Long, Review> decisions = new java.util.HashMap<>();
        jdbc.sql("""
                select d.* from review_decision d join progress_report r on r.id = d.report_id
                where r.measure_id = ? and r.status = 'PUBLISHED'""")
                .param(measureId).query((rs, n) -> review(rs)).list()
                .forEach(r -> decisions.put(r.reportId(), r));
        return decisions;
    }

    private static Review review(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Review(rs.getLong("id"), rs.getLong("report_id"), ReviewDecision.valueOf(rs.getString("decision")),
                rs.getString("comment"), rs.getString("completion_level"), rs.getString("reviewer"),
                rs.getTimestamp("decided_at").toInstant());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
