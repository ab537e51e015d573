package az.opengov.nap.monitoring;

import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.PageNumber;
import az.opengov.nap.shared.WholeNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * What the overdue dashboard shows: the filters (plan, section, agency, kind, role), the sort and the page. Built with
 * {@link #of}, which refuses anything it does not know with a 400 naming each parameter at fault.
 *
 * @param kind {@code report} (executors' and recommended bodies' progress reports) or {@code review} (the commission's
 *             reviews past {@code nap.monitoring.review-days})
 * @param role {@code executor}, {@code recommended} or null for both
 * @param sort {@code days} (days overdue), {@code agency}, {@code measure} or {@code plan}
 * @param desc descending (for {@code days}: the longest overdue first)
 */
public record OverdueFilter(String plan, Integer section, String agency, String kind, String role, String sort,
                            boolean desc, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    public static final Set<String> KINDS = Set.of("report", "review");
    public static final Set<String> ROLES = Set.of("executor", "recommended");
    public static final Set<String> SORTS = Set.of("days", "agency", "measure", "plan");

    /** Everything overdue of one kind, longest overdue first. */
    public static OverdueFilter all(String kind) {
        return new OverdueFilter(null, null, null, kind, null, "days", true, 0, DEFAULT_SIZE);
    }

    /** The filter from request parameters (strings as given, null or blank for "not set"). */
    public static OverdueFilter of(String plan, String section, String agency, String kind, String role, String sort,
                                   String dir, String page, String size) {
        List<FieldProblem> problems = new ArrayList<>();
        Integer sectionNumber = WholeNumber.parse(section, null, 1, 999, "section", problems);
        String k = blank(kind) ? "report" : kind.trim().toLowerCase(java.util.Locale.ROOT);
        if (!KINDS.contains(k)) {
            problems.add(FieldProblem.of("kind", "monitoring.error.kind", kind));
        }
        String r = blank(role) ? null : role.trim().toLowerCase(java.util.Locale.ROOT);
        if (r != null && !ROLES.contains(r)) {
            problems.add(FieldProblem.of("role", "monitoring.error.role", role));
        }
        String s = blank(sort) ? "days" : sort.trim().toLowerCase(java.util.Locale.ROOT);
        if (!SORTS.contains(s)) {
            problems.add(FieldProblem.of("sort", "monitoring.error.sort", sort));
        }
        boolean desc;
        if (blank(dir)) {
            desc = "days".equals(s);
        } else if ("asc".equalsIgnoreCase(dir.trim()) || "desc".equalsIgnoreCase(dir.trim())) {
            desc = "desc".equalsIgnoreCase(dir.trim());
        } else {
            problems.add(FieldProblem.of("dir", "monitoring.error.dir", dir));
            desc = false;
        }
        Integer p = WholeNumber.parse(page, 0, 0, PageNumber.MAX, "page", problems);
        Integer z = WholeNumber.parse(size, DEFAULT_SIZE, 1, MAX_SIZE, "size", problems);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new OverdueFilter(blank(plan) ? null : plan.trim(), sectionNumber,
                blank(agency) ? null : agency.trim(), k, r, s, desc, p, z);
    }

    static NapException invalid(List<FieldProblem> problems) {
        return new NapException(HttpStatus.BAD_REQUEST, "monitoring.error.filter", problems);
    }

    public boolean reviews() {
        return "review".equals(kind);
    }

    /** The same filter on another page. */
    public OverdueFilter page(int other) {
        return new OverdueFilter(plan, section, agency, kind, role, sort, desc, Math.max(0, other), size);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
