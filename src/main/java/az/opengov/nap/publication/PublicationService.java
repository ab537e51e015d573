package az.opengov.nap.publication;

import az.opengov.nap.reporting.ProgressReport;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.CompletionLevel;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.FormDefinitions;
import az.opengov.nap.shared.NapException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the public sees: approved reports and final assessments, each published exactly once. */
@Service
public class PublicationService {

    private final JdbcClient jdbc;
    private final ReportingService reports;
    private final FormDefinitions forms;
    private final ApplicationEventPublisher events;

    PublicationService(JdbcClient jdbc, ReportingService reports, FormDefinitions forms,
                       ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.forms = forms;
        this.events = events;
    }

    /** Publishes an approved report. Idempotent: publishing it again returns the first publication. */
    @Transactional
    public Publication publish(long reportId) {
        Optional<Publication> existing = byReport(reportId);
        if (existing.isPresent()) {
            return existing.get();
        }
        ProgressReport report = reports.get(reportId);
        reports.markPublished(reportId);
        jdbc.sql("""
                insert into publication (report_id, measure_id, cycle_number, agency_code, published_at)
                values (?, ?, ?, ?, ?)""")
                .params(reportId, report.measureId(), report.cycleNumber(), report.agencyCode(),
                        Timestamp.from(Clock.now()))
                .update();
        events.publishEvent(new ReportPublished(reportId, report.measureId(), report.cycleNumber(),
                report.agencyCode()));
        return byReport(reportId).orElseThrow();
    }

    public Optional<Publication> byReport(long reportId) {
        return jdbc.sql("select * from publication where report_id = ?").param(reportId)
                .query((rs, n) -> publication(rs)).optional();
    }

    /** The measure's publications, newest first. */
    public List<Publication> publications(long measureId) {
        return jdbc.sql("select * from publication where measure_id = ? order by published_at desc, id desc")
                .param(measureId).query((rs, n) -> publication(rs)).list();
    }

    /**
     * Records the commission's final assessment. "No evidence available" is the level when nothing was published on
     * the measure, and only then.
     */
    @Transactional
    public FinalAssessment assess(long measureId, String completionLevel, String summary, String user) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("completionLevel", completionLevel);
        values.put("summary", summary);
        List<FieldProblem> problems = new ArrayList<>(forms.validate(FormDefinitions.FINAL_ASSESSMENT, values));
        boolean nothingPublished = publications(measureId).isEmpty();
        boolean noEvidence = CompletionLevel.NO_EVIDENCE.name().equals(completionLevel);
        if (problems.isEmpty() && nothingPublished != noEvidence) {
            problems.add(FieldProblem.of("completionLevel",
                    nothingPublished ? "validation.noEvidenceRequired" : "validation.noEvidenceNotAllowed"));
        }
        if (!problems.isEmpty()) {
            throw NapException.invalid(problems);
        }
        if (finalAssessment(measureId).isPresent()) {
            throw NapException.conflict("error.assessment.exists");
        }
        jdbc.sql("""
                insert into final_assessment (measure_id, completion_level, summary, assessed_by, assessed_at)
                values (?, ?, ?, ?, ?)""")
                .params(measureId, completionLevel, summary, user, Timestamp.from(Clock.now())).update();
        return finalAssessment(measureId).orElseThrow();
    }

    /** Publishes the final assessment; idempotent. */
    @Transactional
    public FinalAssessment publishAssessment(long measureId) {
        jdbc.sql("update final_assessment set published_at = ? where measure_id = ? and published_at is null")
                .params(Timestamp.from(Clock.now()), measureId).update();
        return finalAssessment(measureId).orElseThrow(() -> NapException.notFound("assessment", measureId));
    }

    public Optional<FinalAssessment> finalAssessment(long measureId) {
        return jdbc.sql("select * from final_assessment where measure_id = ?").param(measureId)
                .query((rs, n) -> new FinalAssessment(rs.getLong("measure_id"), rs.getString("completion_level"),
                        rs.getString("summary"), rs.getString("assessed_by"),
                        rs.getTimestamp("assessed_at").toInstant(),
                        rs.getTimestamp("published_at") == null ? null : rs.getTimestamp("published_at").toInstant()))
                .optional();
    }

    private static Publication publication(ResultSet rs) throws SQLException {
        return new Publication(rs.getLong("id"), rs.getLong("report_id"), rs.getLong("measure_id"),
                rs.getInt("cycle_number"), rs.getString("agency_code"), rs.getTimestamp("published_at").toInstant());
    }
}
