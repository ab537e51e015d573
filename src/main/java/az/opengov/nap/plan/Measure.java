package az.opengov.nap.plan;

/** A measure of a plan, with its period as printed ({@code firstYear}-{@code lastYear}, before any year shift). */
public record Measure(long id, String planCode, String code, String printedCode, int section, String subsection,
                      String subsectionTitle, String title, String indicators, int firstYear, int lastYear,
                      MeasureStatus status, String processInstanceId) {

    public String period() {
        return firstYear == lastYear ? Integer.toString(firstYear) : firstYear + "-" + lastYear;
    }

    /** The process instance's business key: plan code + measure code. */
    public String businessKey() {
        return planCode + ":" + code;
    }
}
