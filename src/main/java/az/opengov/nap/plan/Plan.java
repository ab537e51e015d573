package az.opengov.nap.plan;

/**
 * An action plan. {@code yearShift} maps the printed years onto the calendar the plan runs on (0 for a real plan; the
 * demo maps 2016 onto the current year).
 */
public record Plan(String code, String title, int firstYear, int lastYear, int yearShift, PlanCalendar calendar) {
}
