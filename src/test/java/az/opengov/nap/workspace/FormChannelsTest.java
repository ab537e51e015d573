package az.opengov.nap.workspace;

import static az.opengov.nap.workspace.WorkspaceFixture.COORDINATOR;
import static az.opengov.nap.workspace.WorkspaceFixture.OTHER;
import static az.opengov.nap.workspace.WorkspaceFixture.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.measure.process.MeasureExecution.Variables;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.worklist.WorkItem;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two agencies of one measure report in parallel, each through another of the engine's channels: Camunda Tasklist's
 * (the form service) and the task service's completion with variables (the REST API's). Nothing declares the forms'
 * fields on the agencies' scopes; each agency's values still reach its own report only, the engine keeps none of them,
 * and the reviewer's decision routes each agency's report on its own.
 */
class FormChannelsTest extends WorkspaceTestBase {

    static final List<String> CONTENT = List.of("completionLevel", "whatWasDone", "indicatorValues", "obstacles",
            "nextSteps", "evidenceLinks", "comment");

    @Autowired
    FormService forms;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @Test
    void eachAgencysValuesReachItsOwnReportAndLeaveTheEngine() {
        WorkItem mcht = WorkspaceFixture.reportTask(worklist, measure, "MCHT");
        WorkItem edu = WorkspaceFixture.reportTask(worklist, measure, "EDU");
        assertThat(content(measure.processInstanceId())).isEmpty();

        try (var acting = UserDirectory.actingAs(COORDINATOR.username())) {
            forms.submitTaskForm(mcht.taskId(), Map.of("completionLevel", "SUBSTANTIAL",
                    "whatWasDone", "Portal işə salınıb", "indicatorValues", "3 xidmət"));
        }
        try (var acting = UserDirectory.actingAs(OTHER.username())) {
            tasks.complete(edu.taskId(), Map.of("completionLevel", "LIMITED", "whatWasDone", "Dərslik hazırlanır",
                    "indicatorValues", "1 dərslik", "obstacles", "Büdcə gecikir"));
        }

        assertThat(report("MCHT")).containsEntry("what_was_done", "Portal işə salınıb")
                .containsEntry("completion_level", "SUBSTANTIAL");
        assertThat(report("EDU")).containsEntry("what_was_done", "Dərslik hazırlanır")
                .containsEntry("obstacles", "Büdcə gecikir");
        assertThat(report("MCHT").get("obstacles")).isNull();
        assertThat(content(measure.processInstanceId())).as("no form value left in the engine").isEmpty();

        WorkItem mchtReview = WorkspaceFixture.reviewTask(worklist, measure, "MCHT");
        WorkItem eduReview = WorkspaceFixture.reviewTask(worklist, measure, "EDU");
        assertThat(mchtReview.reportId()).isEqualTo(((Number) report("MCHT").get("id")).longValue());
        assertThat(eduReview.reportId()).isEqualTo(((Number) report("EDU").get("id")).longValue());
        assertThat(tasks.getVariable(mchtReview.taskId(), Variables.REPORT_ID)).isEqualTo(mchtReview.reportId());
        assertThat(tasks.getVariable(eduReview.taskId(), Variables.REPORT_ID)).isEqualTo(eduReview.reportId());

        try (var acting = UserDirectory.actingAs(REVIEWER.username())) {
            forms.submitTaskForm(mchtReview.taskId(), Map.of("decision", "APPROVED", "completionLevel", "SUBSTANTIAL"));
            tasks.complete(eduReview.taskId(), Map.of("decision", "RETURNED", "comment", "Rəqəmləri əlavə edin"));
        }

        // the decisions stayed with their agencies: EDU's report is back with it, MCHT's goes on to publication
        WorkItem returned = WorkspaceFixture.reportTask(worklist, measure, "EDU");
        assertThat(returned.returned()).isTrue();
        assertThat(worklist.openForMeasure(measure.id())).noneMatch(w -> "MCHT".equals(w.agencyCode()));
        assertThat(runtime.getVariables(measure.processInstanceId())).doesNotContainKeys(Variables.DECISION,
                Variables.REPORT_ID);
        assertThat(content(measure.processInstanceId())).as("no review comment left in the engine").isEmpty();
        assertThat(jdbc.sql("select comment from review_decision where report_id = ?").param(eduReview.reportId())
                .query(String.class).single()).isEqualTo("Rəqəmləri əlavə edin");
    }

    /**
     * The engine's REST API lets a client set values on the task itself ({@code PUT /task/{id}/localVariables/…})
     * and then complete it without variables: the report and the review still get them, and the decision still routes.
     */
    @Test
    void valuesSetOnTheTaskItselfReachTheReportAndTheReview() {
        WorkItem edu = WorkspaceFixture.reportTask(worklist, measure, "EDU");
        tasks.setVariablesLocal(edu.taskId(), Map.of("completionLevel", "LIMITED", "whatWasDone", "Dərslik hazırlanır",
                "indicatorValues", "1 dərslik"));
        try (var acting = UserDirectory.actingAs(OTHER.username())) {
            tasks.complete(edu.taskId());
        }
        assertThat(report("EDU")).containsEntry("what_was_done", "Dərslik hazırlanır")
                .containsEntry("completion_level", "LIMITED").containsEntry("indicator_values", "1 dərslik");
        assertThat(content(measure.processInstanceId())).as("no form value left in the engine").isEmpty();

        WorkItem review = WorkspaceFixture.reviewTask(worklist, measure, "EDU");
        tasks.setVariablesLocal(review.taskId(), Map.of("decision", "RETURNED", "comment", "Mənbə əlavə edin"));
        try (var acting = UserDirectory.actingAs(REVIEWER.username())) {
            tasks.complete(review.taskId());
        }
        assertThat(WorkspaceFixture.reportTask(worklist, measure, "EDU").returned()).as("returned to EDU").isTrue();
        assertThat(jdbc.sql("select comment from review_decision where report_id = ?").param(review.reportId())
                .query(String.class).single()).isEqualTo("Mənbə əlavə edin");
        assertThat(runtime.getVariables(measure.processInstanceId())).doesNotContainKeys(Variables.DECISION);
        assertThat(content(measure.processInstanceId())).as("no review comment left in the engine").isEmpty();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(measure.processInstanceId())
                .variableNameIn(CONTENT.toArray(String[]::new)).count()).as("nor in its history").isZero();
    }

    private List<VariableInstance> content(String processInstanceId) {
        return runtime.createVariableInstanceQuery().processInstanceIdIn(processInstanceId)
                .variableNameIn(CONTENT.toArray(String[]::new)).list();
    }

    private Map<String, Object> report(String agency) {
        return jdbc.sql("select * from progress_report where measure_id = ? and agency_code = ? order by id desc")
                .params(measure.id(), agency).query().listOfRows().get(0);
    }
}
