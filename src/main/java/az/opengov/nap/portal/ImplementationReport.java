package az.opengov.nap.portal;

import az.opengov.nap.portal.PublicCatalog.Snapshot;
import az.opengov.nap.portal.Published.MeasureView;
import az.opengov.nap.portal.Published.PlanView;
import az.opengov.nap.portal.Published.RecordEntry;
import az.opengov.nap.portal.Published.ReportView;
import az.opengov.nap.portal.Published.SectionView;
import az.opengov.nap.portal.Published.Standing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The implementation report of a plan for one calendar year, as measure 11.4 and OGP's self-assessment ask: per
 * section and measure its status, completion level and the summaries published on the year's periods, with the
 * year's statistics. Made of published content only.
 */
public record ImplementationReport(PlanView plan, int year, List<Part> sections, Map<String, Long> levels,
                                   Map<String, Long> statuses, long measures, long reportsPublished,
                                   Map<Standing, Long> executorRecord, long invitedAsked, long invitedReported) {

    /** A section with the measures that run in the year, each with the reports published on the year. */
    public record Part(SectionView section, List<Line> lines, Map<String, Long> levels) {
    }

    public record Line(MeasureView measure, List<ReportView> reports) {
    }

    public static ImplementationReport of(Snapshot snapshot, PlanView plan, int year) {
        List<Part> parts = new ArrayList<>();
        List<MeasureView> inYear = new ArrayList<>();
        long published = 0;
        for (SectionView s : plan.sections()) {
            List<Line> lines = new ArrayList<>();
            List<MeasureView> sectionMeasures = new ArrayList<>();
            for (MeasureView m : s.measures()) {
                if (!m.runsIn(year)) {
                    continue;
                }
                List<ReportView> reports = m.reports().stream()
                        .filter(r -> r.periodStart() != null && r.periodStart().getYear() == year).toList();
                published += reports.size();
                lines.add(new Line(m, reports));
                sectionMeasures.add(m);
            }
            if (!lines.isEmpty()) {
                parts.add(new Part(s, List.copyOf(lines), Published.countLevels(sectionMeasures)));
                inYear.addAll(sectionMeasures);
            }
        }
        Map<String, Long> statuses = new LinkedHashMap<>();
        for (String st : List.of("RUNNING", "COMPLETED", "CANCELLED")) {
            statuses.put(st, inYear.stream().filter(m -> m.status().equals(st)).count());
        }
        Map<Standing, Long> executors = new LinkedHashMap<>();
        for (Standing st : List.of(Standing.ON_TIME, Standing.LATE, Standing.OVERDUE, Standing.AWAITING)) {
            executors.put(st, 0L);
        }
        long invitedAsked = 0;
        long invitedReported = 0;
        for (List<RecordEntry> entries : snapshot.records().values()) {
            for (RecordEntry e : entries) {
                if (!e.planCode().equals(plan.code()) || e.dueDate() == null || e.dueDate().getYear() != year) {
                    continue;
                }
                if ("RECOMMENDED".equals(e.role())) {
                    if (e.standing() != Standing.REMOVED) {
                        invitedAsked++;
                        if (e.reportId() != null) {
                            invitedReported++;
                        }
                    }
                } else if (executors.containsKey(e.standing())) {
                    executors.merge(e.standing(), 1L, Long::sum);
                }
            }
        }
        return new ImplementationReport(plan, year, List.copyOf(parts), Published.countLevels(inYear), statuses,
                inYear.size(), published, executors, invitedAsked, invitedReported);
    }

    public long executorsAsked() {
        return executorRecord.values().stream().mapToLong(Long::longValue).sum();
    }
}
