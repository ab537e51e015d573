package az.opengov.nap.plan;

import java.util.List;

/**
 * What an amendment changes in a measure; a null part stays as it is. Years are the plan's printed years; executors
 * and recommended bodies are agency codes (collectives allowed) in the order the plan names them.
 */
public record MeasureChanges(String title, String indicators, Integer firstYear, Integer lastYear,
                             List<String> executors, List<String> recommended) {

    public boolean periodGiven() {
        return firstYear != null || lastYear != null;
    }
}
