package az.opengov.nap.workspace;

import java.util.List;

/** One field of a report next to the same field of the agency's previous report, with the lines added. */
public record Comparison(String key, String label, String now, String before, boolean changed, List<String> added) {
}
