package az.opengov.nap.measure;

import java.util.Set;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.migration.instance.MigratingVariableInstance;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl;

/**
 * The engine's history level: everything of {@code full} (activities, tasks, incidents, jobs, the user operation log
 * that names who did what, the routing variables) except the content of reports, reviews and assessments. Content
 * submitted through a form passes through variables on its way to the project's tables; it must not stay behind in
 * history. So there is no detail log of variable values ({@code ACT_HI_DETAIL}, most of the bytes of a finished
 * cycle's history under {@code full}), and the content fields of the forms have no {@code ACT_HI_VARINST} row at all:
 * they pass through the process only within the command that completes a form, and leave it there. Nor have the
 * inputs of an agency's timers (its due date, reminder, escalation cycle and window: four rows of every agency's
 * report and cycle), which the application's tables keep with every change. Every event of one variable is decided
 * by its name alone, so a variable has either its whole history or none. The job log keeps what jobs did (each
 * success, each failure with its exception), not their creation and deletion: report tasks brought reminder and
 * escalation timers (before model 1.3.0; an invited body's still brings its window), most deleted unfired when the
 * report comes in on time, two log rows each that say nothing about the measure. Exclusive gateways leave no
 * activity history: they decide on what is kept elsewhere (the review's decision in its variable's history, the
 * agency's role in the cycle's participants, and in its variable's history in measures started before model 1.5.0)
 * and the path shows where each went; they were four of the ten activity rows of an agency's report. Nor do none
 * start events: one says only that its scope started, and the scope's own row (the agency's report, the cycle, the
 * process instance) says when; an agency's report had three activity rows when it was opened, now two. Start events
 * that wait for something (the messages of an agency's removal and a measure's cancellation) keep theirs.
 */
class HistoryWithoutContent extends AbstractHistoryLevel {

    static final String NAME = "full-without-details";

    /** The activities that leave no activity history, by the type the engine's parser gives them. */
    private static final Set<Object> WITHOUT_ACTIVITY_HISTORY = Set.of(ActivityTypes.GATEWAY_EXCLUSIVE,
            ActivityTypes.START_EVENT);

    private final Set<String> withoutHistory;

    /** @param withoutHistory the variables with no history: never a gateway's, never one an audit needs from here */
    HistoryWithoutContent(Set<String> withoutHistory) {
        this.withoutHistory = Set.copyOf(withoutHistory);
    }

    @Override
    public int getId() {
        return 100;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL
                || eventType == HistoryEventTypes.FORM_PROPERTY_UPDATE
                || eventType == HistoryEventTypes.JOB_CREATE || eventType == HistoryEventTypes.JOB_DELETE) {
            return false;
        }
        if ((eventType == HistoryEventTypes.ACTIVITY_INSTANCE_START
                || eventType == HistoryEventTypes.ACTIVITY_INSTANCE_END
                || eventType == HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE)
                && entity instanceof PvmExecutionImpl execution && execution.getActivity() != null
                && WITHOUT_ACTIVITY_HISTORY.contains(execution.getActivity().getProperty("type"))) {
            return false;
        }
        if (entity instanceof VariableInstanceEntity variable) {
            return !withoutHistory.contains(variable.getName());
        }
        if (entity instanceof MigratingVariableInstance variable) {
            return !withoutHistory.contains(variable.getVariableName());
        }
        return true;
    }
}
