package az.opengov.nap.portal;

import az.opengov.nap.portal.PublicCatalog.Snapshot;
import az.opengov.nap.portal.Published.AgencyView;
import az.opengov.nap.portal.Published.MeasureView;
import az.opengov.nap.portal.Published.PlanView;
import az.opengov.nap.portal.Published.ReportView;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Search across measures and published reports, normalised in Java ({@link SearchText}) over the published snapshot:
 * the data set is small (a plan has tens of measures, hundreds of reports), so no index is needed.
 */
public final class PortalSearch {

    public static final int MAX_HITS = 200;

    private PortalSearch() {
    }

    public record Results(String query, List<MeasureView> measures, List<ReportView> reports) {

        public int total() {
            return measures.size() + reports.size();
        }
    }

    public static Results search(Snapshot snapshot, String query) {
        List<String> terms = SearchText.terms(query);
        List<MeasureView> measures = new ArrayList<>();
        List<ReportView> reports = new ArrayList<>();
        if (terms.isEmpty()) {
            return new Results(query, measures, reports);
        }
        for (PlanView plan : snapshot.plans()) {
            for (MeasureView m : plan.measures()) {
                String text = SearchText.fold(String.join(" ", nonNull(m.code(), m.printedCode(), m.title(),
                        m.indicators(), m.subsectionTitle(), names(snapshot, m))));
                if (SearchText.matchesAll(text, terms) && measures.size() < MAX_HITS) {
                    measures.add(m);
                }
            }
        }
        for (ReportView r : snapshot.reports()) {
            AgencyView a = snapshot.agency(r.agencyCode());
            String text = SearchText.fold(String.join(" ", nonNull(r.measureCode(), r.measureTitle(),
                    r.whatWasDone(), r.indicatorValues(), r.obstacles(), r.nextSteps(),
                    a == null ? null : a.nameAz(), a == null ? null : a.nameEn(), a == null ? null : a.nameRu())));
            if (SearchText.matchesAll(text, terms) && reports.size() < MAX_HITS) {
                reports.add(r);
            }
        }
        return new Results(query, measures, reports);
    }

    private static String names(Snapshot snapshot, MeasureView m) {
        return Stream.concat(m.executors().stream(), m.recommended().stream())
                .map(p -> snapshot.agency(p.agencyCode()))
                .filter(java.util.Objects::nonNull)
                .map(a -> String.join(" ", nonNull(a.nameAz(), a.nameEn(), a.nameRu())))
                .collect(Collectors.joining(" "));
    }

    private static List<String> nonNull(String... values) {
        return Stream.of(values).filter(java.util.Objects::nonNull).toList();
    }
}
