package az.opengov.nap.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.opengov.nap.portal.Published.MeasureView;
import az.opengov.nap.portal.Published.PartyView;
import az.opengov.nap.portal.Published.ReportView;
import az.opengov.nap.shared.NapException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A measure with a collective's many reports, shown 50 at a time, grouped by agency in the order of the parties. */
class TimelineTest {

    /** Executors A (30 reports), B (none), C (40); recommended D (1): 71 reports. */
    static MeasureView measure() {
        List<ReportView> reports = new ArrayList<>();
        long id = 1;
        for (String[] agency : new String[][] {{"D", "1"}, {"C", "40"}, {"A", "30"}}) {
            for (int i = 0; i < Integer.parseInt(agency[1]); i++) {
                reports.add(new ReportView(id++, "P", "1.1", "Title", agency[0], i + 1, LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 6, 30), false, Instant.EPOCH, "SUBSTANTIAL", null, "done", null, null, null,
                        List.of()));
            }
        }
        List<PartyView> executors = List.of(new PartyView("A", "EXECUTOR", "A", true),
                new PartyView("B", "EXECUTOR", "B", true), new PartyView("C", "EXECUTOR", "C", true));
        List<PartyView> recommended = List.of(new PartyView("D", "RECOMMENDED", "D", true));
        return new MeasureView(1, "P", "1.1", "1.1", 1, null, null, "Title", null, 2026, 2027, 0, "RUNNING",
                executors, recommended, "SUBSTANTIAL", reports, List.of(), null);
    }

    @Test
    void theFirstPageHoldsFiftyReportsByAgencyInPartyOrder() {
        Timeline t = Timeline.of(measure(), null);
        assertThat(t.total()).isEqualTo(71);
        assertThat(t.pages()).isEqualTo(2);
        assertThat(t.first()).isEqualTo(1);
        assertThat(t.last()).isEqualTo(50);
        assertThat(t.groups()).extracting(g -> g.party().agencyCode()).containsExactly("A", "C");
        assertThat(t.groups()).extracting(g -> g.reports().size()).containsExactly(30, 20);
        assertThat(t.groups().get(0).reports().get(0).cycle()).isEqualTo(1);
    }

    @Test
    void theSecondPageGoesOnWhereTheFirstStopped() {
        Timeline t = Timeline.of(measure(), "1");
        assertThat(t.first()).isEqualTo(51);
        assertThat(t.last()).isEqualTo(71);
        assertThat(t.groups()).extracting(g -> g.party().agencyCode()).containsExactly("C", "D");
        assertThat(t.groups()).extracting(g -> g.reports().size()).containsExactly(20, 1);
        assertThat(t.groups().get(0).reports().get(0).cycle()).isEqualTo(21);
    }

    @Test
    void aPagePastTheEndShowsTheLastOne() {
        assertThat(Timeline.of(measure(), "9").page()).isEqualTo(1);
    }

    @Test
    void aPageThatIsNotAWholeNumberIsRefused() {
        for (String bad : List.of("x", "-1", "1.5")) {
            assertThatThrownBy(() -> Timeline.of(measure(), bad)).isInstanceOf(NapException.class)
                    .satisfies(e -> assertThat(((NapException) e).errors()).singleElement()
                            .satisfies(p -> assertThat(p.field()).isEqualTo("page")));
        }
    }

    @Test
    void aMeasureWithoutReportsHasOneEmptyPage() {
        MeasureView m = measure();
        MeasureView empty = new MeasureView(1, "P", "1.1", "1.1", 1, null, null, "Title", null, 2026, 2027, 0,
                "RUNNING", m.executors(), m.recommended(), "NONE", List.of(), List.of(), null);
        Timeline t = Timeline.of(empty, null);
        assertThat(t.pages()).isEqualTo(1);
        assertThat(t.total()).isZero();
        assertThat(t.first()).isZero();
        assertThat(t.groups()).isEmpty();
    }
}
