package az.opengov.nap.workspace;

import static az.opengov.nap.workspace.WorkspaceFixture.COLLEAGUE;
import static az.opengov.nap.workspace.WorkspaceFixture.COORDINATOR;
import static az.opengov.nap.workspace.WorkspaceFixture.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.reporting.ReportContent;
import az.opengov.nap.worklist.WorkItem;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A submission through the facade stores its version once, as submitted, before the task completes; the task's
 * listener takes that version and the review's work item follows the report's, without the engine's variables being
 * read again. What a person sees is as before: one version per submission, its content, who submitted it, the audit
 * row and the review in the commission's queue with the report's measure, cycle and agency.
 */
class SubmitPathTest extends WorkspaceTestBase {

    static final ReportContent DRAFT = new ReportContent("LIMITED", "Hazırlanır", "1 xidmət", null, null, null);
    static final ReportContent REPORT = new ReportContent("SUBSTANTIAL", "Portal işə salınıb", "3 xidmət", null, null,
            "https://e-gov.az");

    @Autowired
    RuntimeService runtime;

    @Test
    void aSubmissionOverADraftSubmitsThatVersionWithTheContentGivenAndTheReviewFollowsTheReport() {
        WorkItem task = WorkspaceFixture.reportTask(worklist, measure, "MCHT");
        long draft = execution.saveDraft(task.taskId(), DRAFT, COLLEAGUE).id();

        long submitted = execution.submit(task.taskId(), REPORT, COORDINATOR);

        assertThat(submitted).isEqualTo(draft);
        List<Map<String, Object>> versions = versions("MCHT");
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0)).containsEntry("status", "SUBMITTED").containsEntry("version", 1)
                .containsEntry("what_was_done", "Portal işə salınıb")
                .containsEntry("evidence_links", "https://e-gov.az")
                .containsEntry("created_by", COLLEAGUE.username())
                .containsEntry("submitted_by", COORDINATOR.username());
        assertThat(audit(submitted)).isEqualTo(1);
        WorkItem review = WorkspaceFixture.reviewTask(worklist, measure, "MCHT");
        assertThat(review).usingRecursiveComparison()
                .comparingOnlyFields("planCode", "measureId", "measureCode", "section", "cycleNumber", "agencyCode",
                        "role", "processInstanceId")
                .isEqualTo(task);
        assertThat(review.reportId()).isEqualTo(submitted);
        assertThat(review.candidateGroup()).isEqualTo("commission");
        assertThat(worklist.find(task.taskId()).orElseThrow().state()).isEqualTo("COMPLETED");
    }

    @Test
    void aSubmissionWithoutADraftAndAResubmissionAfterAReturnEachAddOneSubmittedVersion() {
        String first = WorkspaceFixture.reportTask(worklist, measure, "MCHT").taskId();
        long v1 = execution.submit(first, REPORT, COORDINATOR);
        execution.review(WorkspaceFixture.reviewTask(worklist, measure, "MCHT").taskId(), "RETURNED",
                "İndikatorlar üzrə rəqəmləri əlavə edin", null, REVIEWER);

        WorkItem again = WorkspaceFixture.reportTask(worklist, measure, "MCHT");
        assertThat(again.returned()).isTrue();
        long v2 = execution.submit(again.taskId(), REPORT, COLLEAGUE);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(versions("MCHT")).extracting(v -> v.get("version"), v -> v.get("status"), v -> v.get("submitted_by"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "RETURNED", COORDINATOR.username()),
                        org.assertj.core.groups.Tuple.tuple(2, "SUBMITTED", COLLEAGUE.username()));
        assertThat(WorkspaceFixture.reviewTask(worklist, measure, "MCHT").reportId()).isEqualTo(v2);
    }

    @Test
    void aVariableNamedLikeTheSubmitListenerCannotStandInForIt() {
        WorkItem task = WorkspaceFixture.reportTask(worklist, measure, "MCHT");
        runtime.setVariable(task.processInstanceId(), "progressReportSubmitted", "not a listener");

        long submitted = execution.submit(task.taskId(), REPORT, COORDINATOR);

        assertThat(versions("MCHT")).singleElement().satisfies(v -> assertThat(v).containsEntry("status", "SUBMITTED"));
        assertThat(audit(submitted)).isEqualTo(1);
        assertThat(runtime.getVariable(WorkspaceFixture.reviewTask(worklist, measure, "MCHT").processInstanceId(),
                "progressReportSubmitted")).isEqualTo("not a listener");
    }

    private List<Map<String, Object>> versions(String agency) {
        return jdbc.sql("select version, status, what_was_done, evidence_links, created_by, submitted_by "
                        + "from progress_report where measure_id = ? and agency_code = ? order by version")
                .params(measure.id(), agency).query().listOfRows();
    }

    private long audit(long reportId) {
        return jdbc.sql("select count(*) from audit_event where action = 'REPORT_SUBMITTED' and target_id = ?")
                .param(String.valueOf(reportId)).query(Long.class).single();
    }
}
