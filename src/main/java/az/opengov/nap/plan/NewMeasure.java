package az.opengov.nap.plan;

import java.util.List;
import java.util.Map;

/**
 * A measure as read from an import file, with its organisations resolved to agency codes (collectives not yet
 * expanded) and any extra columns kept as they were.
 */
public record NewMeasure(int section, String sectionTitle, String subsection, String subsectionTitle, String code,
                         String printedCode, String title, String indicators, List<String> executors,
                         List<String> recommended, int firstYear, int lastYear, int sortKey,
                         Map<String, String> extra) {
}
