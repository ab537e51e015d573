package az.opengov.nap.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the public may see, and nothing else: the views the portal, the open data and the feeds are made of. Built
 * only from published reports and published final assessments; no user names, no e-mail addresses, no review
 * comments, no versions that were not published.
 */
public final class Published {

    private Published() {
    }

    /** A measure's level for the charts: its published final assessment, or the weakest latest report. */
    public static final String NOT_REPORTED = "NONE";
    public static final List<String> LEVELS = List.of("COMPLETE", "SUBSTANTIAL", "LIMITED", "NOT_STARTED",
            "NO_EVIDENCE", NOT_REPORTED);

    public record PlanView(String code, String title, int firstYear, int lastYear, int yearShift,
                           List<SectionView> sections, Instant lastChange) {

        /** The years as they run (the demo maps printed years onto the present). */
        public int firstCalendarYear() {
            return firstYear + yearShift;
        }

        public int lastCalendarYear() {
            return lastYear + yearShift;
        }

        public List<MeasureView> measures() {
            return sections.stream().flatMap(s -> s.measures().stream()).toList();
        }

        public List<Integer> calendarYears() {
            return java.util.stream.IntStream.rangeClosed(firstCalendarYear(), lastCalendarYear()).boxed().toList();
        }
    }

    public record SectionView(String planCode, int number, String title, List<MeasureView> measures) {

        public Map<String, Long> levels() {
            return countLevels(measures);
        }
    }

    public record MeasureView(long id, String planCode, String code, String printedCode, int section,
                              String subsection, String subsectionTitle, String title, String indicators,
                              int firstYear, int lastYear, int yearShift, String status, List<PartyView> executors,
                              List<PartyView> recommended, String level, List<ReportView> reports,
                              List<ActionView> amendments, AssessmentView assessment) {

        /** The period as it runs on the calendar. */
        public String period() {
            int from = firstYear + yearShift;
            int to = lastYear + yearShift;
            return from == to ? Integer.toString(from) : from + "–" + to;
        }

        public List<PartyView> parties() {
            return java.util.stream.Stream.concat(executors.stream(), recommended.stream()).toList();
        }

        public boolean runsIn(int calendarYear) {
            return firstYear + yearShift <= calendarYear && calendarYear <= lastYear + yearShift;
        }
    }

    /** An organisation of a measure; {@code namedAs} is the collective the plan named it under, if any. */
    public record PartyView(String agencyCode, String role, String namedAs, boolean active) {
    }

    public record AgencyView(String code, String kind, String nameAz, String nameEn, String nameRu) {

        public String name(String language) {
            return switch (language == null ? "az" : language) {
                case "en" -> nameEn == null || nameEn.isBlank() ? nameAz : nameEn;
                case "ru" -> nameRu == null || nameRu.isBlank() ? nameAz : nameRu;
                default -> nameAz;
            };
        }
    }

    /**
     * A published report. {@code completionLevel} is the agency's own; {@code assessedLevel} the commission's level
     * given with its approval, when it gave one. {@code id} is the publication's number.
     */
    public record ReportView(long id, String planCode, String measureCode, String measureTitle, String agencyCode,
                             int cycle, LocalDate periodStart, LocalDate periodEnd, boolean finalCycle,
                             Instant publishedAt, String completionLevel, String assessedLevel, String whatWasDone,
                             String indicatorValues, String obstacles, String nextSteps, List<String> evidenceLinks) {

        /** The level that counts: the commission's when given, else the agency's. */
        public String level() {
            return assessedLevel != null ? assessedLevel : completionLevel;
        }
    }

    /** A recorded change to a measure: what, when and why. Never who. */
    public record ActionView(String action, String agencyCode, Integer cycle, String reason, String details,
                             Instant actedAt) {

        public String detailFrom() {
            return details != null && details.contains(" -> ") ? details.substring(0, details.indexOf(" -> ")) : null;
        }

        public String detailTo() {
            return details != null && details.contains(" -> ")
                    ? details.substring(details.indexOf(" -> ") + 4) : null;
        }
    }

    public record AssessmentView(String completionLevel, String summary, Instant publishedAt) {
    }

    /** Where an agency stands on one report it was asked for. */
    public enum Standing {
        /** Published, submitted by the due date. */
        ON_TIME,
        /** Published, submitted after the due date. */
        LATE,
        /** An executor past its due date with no published report. */
        OVERDUE,
        /** An executor whose due date has not passed. */
        AWAITING,
        /** A recommended body asked for a report: invited, never late. */
        INVITED,
        /** A recommended body whose window closed without a report. */
        NOT_REPORTED,
        /** Removed from the measure by an amendment. */
        REMOVED,
        /** The measure was cancelled before a report was published. */
        CANCELLED
    }

    public record RecordEntry(String planCode, String measureCode, String measureTitle, int cycle, String role,
                              LocalDate dueDate, Standing standing, Long reportId) {
    }

    public record AgencyRecord(AgencyView agency, List<MeasureView> measures, List<ReportView> reports,
                               List<RecordEntry> record) {

        public long count(Standing standing) {
            return record.stream().filter(r -> r.standing() == standing).count();
        }

        public long countOf(String standing) {
            return count(Standing.valueOf(standing));
        }
    }

    public static Map<String, Long> countLevels(List<MeasureView> measures) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        LEVELS.forEach(l -> counts.put(l, 0L));
        measures.forEach(m -> counts.merge(m.level(), 1L, Long::sum));
        return counts;
    }
}
