package az.opengov.nap.measure;

import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;

/**
 * The engine's history level: everything of {@code full} (activities, tasks, incidents, the user operation log that
 * names who did what) except the detail log of every variable value ever set. Report text submitted through a form
 * passes through variables on its way to the project's tables; it must not stay behind in {@code ACT_HI_DETAIL},
 * and the detail log is most of the bytes of a finished cycle's history.
 */
class HistoryWithoutContent extends AbstractHistoryLevel {

    static final String NAME = "full-without-details";

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
        return eventType != HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL
                && eventType != HistoryEventTypes.FORM_PROPERTY_UPDATE;
    }
}
