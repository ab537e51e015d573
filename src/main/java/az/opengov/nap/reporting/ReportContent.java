package az.opengov.nap.reporting;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an agency says in a progress report, field by field as in {@code forms/ProgressReport.form}. */
public record ReportContent(String completionLevel, String whatWasDone, String indicatorValues, String obstacles,
                            String nextSteps, String evidenceLinks) {

    public static final ReportContent EMPTY = new ReportContent(null, null, null, null, null, null);

    public Map<String, Object> asFormValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("completionLevel", completionLevel);
        m.put("whatWasDone", whatWasDone);
        m.put("indicatorValues", indicatorValues);
        m.put("obstacles", obstacles);
        m.put("nextSteps", nextSteps);
        m.put("evidenceLinks", evidenceLinks);
        return m;
    }

    public static ReportContent fromFormValues(Map<String, ?> v) {
        return new ReportContent(str(v.get("completionLevel")), str(v.get("whatWasDone")),
                str(v.get("indicatorValues")), str(v.get("obstacles")), str(v.get("nextSteps")),
                str(v.get("evidenceLinks")));
    }

    public boolean isEmpty() {
        return asFormValues().values().stream().allMatch(v -> v == null || v.toString().isBlank());
    }

    private static String str(Object o) {
        return o == null || o.toString().isBlank() ? null : o.toString();
    }
}
