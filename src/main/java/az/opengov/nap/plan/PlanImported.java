package az.opengov.nap.plan;

import java.util.List;

/** Published inside the import's transaction: the measures it created, to be started by the engine. */
public record PlanImported(String planCode, List<Long> newMeasureIds) {
}
