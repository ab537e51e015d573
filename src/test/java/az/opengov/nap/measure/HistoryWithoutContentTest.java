package az.opengov.nap.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.junit.jupiter.api.Test;

/** What the application's history level keeps, event by event. */
class HistoryWithoutContentTest {

    final HistoryWithoutContent level = new HistoryWithoutContent(Set.of("whatWasDone"));

    @Test
    void anExclusiveGatewayAndANoneStartEventLeaveNoActivityHistoryATaskAndOtherEventsDo() {
        for (var type : java.util.List.of(HistoryEventTypes.ACTIVITY_INSTANCE_START,
                HistoryEventTypes.ACTIVITY_INSTANCE_END, HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE)) {
            assertThat(level.isHistoryEventProduced(type,
                    at("Gateway_ReviewDecision", ActivityTypes.GATEWAY_EXCLUSIVE)))
                    .as("gateway, %s", type).isFalse();
            assertThat(level.isHistoryEventProduced(type,
                    at("Task_ReviewProgressReport", ActivityTypes.TASK_USER_TASK)))
                    .as("user task, %s", type).isTrue();
            assertThat(level.isHistoryEventProduced(type, at("End_ReportPublished", ActivityTypes.END_EVENT_NONE)))
                    .as("end event, %s", type).isTrue();
            assertThat(level.isHistoryEventProduced(type, at("Start_AgencyReportRequested", ActivityTypes.START_EVENT)))
                    .as("none start event, %s", type).isFalse();
            assertThat(level.isHistoryEventProduced(type, at("Start_AgencyRemoved", ActivityTypes.START_EVENT_MESSAGE)))
                    .as("message start event, %s", type).isTrue();
        }
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.ACTIVITY_INSTANCE_START, new ExecutionEntity()))
                .as("an execution between activities").isTrue();
    }

    @Test
    void contentVariablesAndDetailsHaveNoHistoryRoutingVariablesDo() {
        VariableInstanceEntity content = new VariableInstanceEntity();
        content.setName("whatWasDone");
        VariableInstanceEntity decision = new VariableInstanceEntity();
        decision.setName("decision");
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_CREATE, content)).isFalse();
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_CREATE, decision)).isTrue();
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL, decision))
                .isFalse();
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.JOB_CREATE, null)).isFalse();
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.JOB_SUCCESS, null)).isTrue();
    }

    private static ExecutionEntity at(String id, String type) {
        ActivityImpl activity = new ActivityImpl(id, null);
        activity.setProperty("type", type);
        ExecutionEntity execution = new ExecutionEntity();
        execution.setActivity(activity);
        return execution;
    }
}
