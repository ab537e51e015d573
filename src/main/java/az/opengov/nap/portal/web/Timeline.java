package az.opengov.nap.portal.web;

import az.opengov.nap.portal.Published.MeasureView;
import az.opengov.nap.portal.Published.PartyView;
import az.opengov.nap.portal.Published.ReportView;
import az.opengov.nap.shared.PageNumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a measure's published reports as its page shows them: grouped by agency in the order of the measure's
 * parties (executors, then recommended bodies), each agency's oldest period first. A collective executor brings
 * ~150 agencies and several cycles, so a measure can hold hundreds of reports: {@link #SIZE} per page.
 *
 * @param groups the agencies with reports on this page, and those reports
 * @param page   this page, from 0 (a page past the end shows the last one; a page that is not a number is a 400)
 * @param pages  how many pages there are (at least 1)
 * @param total  every published report of the measure
 */
record Timeline(List<Group> groups, int page, int pages, int total) {

    static final int SIZE = 50;

    record Group(PartyView party, List<ReportView> reports) {
    }

    /** The page asked for ({@code null} or blank: the first; past the last: the last; see {@link PageNumber}). */
    static Timeline of(MeasureView measure, String page) {
        Map<String, List<ReportView>> byAgency = new LinkedHashMap<>();
        for (ReportView r : measure.reports()) {
            byAgency.computeIfAbsent(r.agencyCode(), a -> new ArrayList<>()).add(r);
        }
        List<Group> all = new ArrayList<>();
        for (PartyView party : measure.parties()) {
            List<ReportView> reports = byAgency.remove(party.agencyCode());
            if (reports != null) {
                all.add(new Group(party, reports));
            }
        }
        int total = all.stream().mapToInt(g -> g.reports().size()).sum();
        int pages = Math.max(1, (total + SIZE - 1) / SIZE);
        int number = Math.min(pages - 1, PageNumber.of(page));
        int from = number * SIZE;
        int to = from + SIZE;
        List<Group> shown = new ArrayList<>();
        int at = 0;
        for (Group g : all) {
            int start = Math.max(from, at);
            int end = Math.min(to, at + g.reports().size());
            if (start < end) {
                shown.add(new Group(g.party(), g.reports().subList(start - at, end - at)));
            }
            at += g.reports().size();
        }
        return new Timeline(shown, number, pages, total);
    }

    /** The position of this page's first report, counted from 1. */
    public int first() {
        return total == 0 ? 0 : page * SIZE + 1;
    }

    public int last() {
        return Math.min(total, (page + 1) * SIZE);
    }
}
