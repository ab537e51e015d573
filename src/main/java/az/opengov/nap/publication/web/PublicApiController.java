package az.opengov.nap.publication.web;

import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.MeasureAgency;
import az.opengov.nap.plan.Plan;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.publication.FinalAssessment;
import az.opengov.nap.publication.Publication;
import az.opengov.nap.publication.PublicationService;
import az.opengov.nap.reporting.ProgressReport;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.shared.NapException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Open data: plans, measures and what the commission approved and published. Nothing else. */
@RestController
@RequestMapping("/api/public/plans")
@Tag(name = "Open data", description = "Published content only; no login")
class PublicApiController {

    private final PlanService plans;
    private final PublicationService publications;
    private final ReportingService reports;
    private final AgencyService agencies;

    PublicApiController(PlanService plans, PublicationService publications, ReportingService reports,
                        AgencyService agencies) {
        this.plans = plans;
        this.publications = publications;
        this.reports = reports;
        this.agencies = agencies;
    }

    record MeasureSummary(String code, String printedCode, int section, String subsection, String title, String period,
                          String status) {
    }

    record PublishedReport(String agencyCode, String agencyName, int cycle, Instant publishedAt,
                           String completionLevel, String whatWasDone, String indicatorValues, String obstacles,
                           String nextSteps, String evidenceLinks) {
    }

    record Party(String agencyCode, String name, String role) {
    }

    record MeasurePage(MeasureSummary measure, String indicators, List<Party> parties,
                       List<PublishedReport> publications, FinalAssessmentView finalAssessment) {
    }

    record FinalAssessmentView(String completionLevel, String summary, Instant publishedAt) {
    }

    @GetMapping
    @Operation(summary = "Plans")
    List<Plan> plans() {
        return plans.plans();
    }

    @GetMapping("/{planCode}/measures")
    @Operation(summary = "A plan's measures in plan order")
    List<MeasureSummary> measures(@PathVariable String planCode) {
        plans.plan(planCode);
        return plans.measures(planCode).stream().map(PublicApiController::summary).toList();
    }

    @GetMapping("/{planCode}/measures/{code}")
    @Operation(summary = "A measure with its published reports and published final assessment")
    MeasurePage measure(@PathVariable String planCode, @PathVariable String code) {
        Measure m = plans.findMeasure(planCode, code).orElseThrow(() -> NapException.notFound("measure", code));
        List<Party> parties = plans.parties(m.id()).stream().map(this::party).toList();
        List<PublishedReport> published = publications.publications(m.id()).stream().map(this::published).toList();
        FinalAssessmentView assessment = publications.finalAssessment(m.id())
                .filter(a -> a.publishedAt() != null)
                .map(PublicApiController::assessment).orElse(null);
        return new MeasurePage(summary(m), m.indicators(), parties, published, assessment);
    }

    private static MeasureSummary summary(Measure m) {
        return new MeasureSummary(m.code(), m.printedCode(), m.section(), m.subsection(), m.title(), m.period(),
                m.status().name());
    }

    private Party party(MeasureAgency a) {
        return new Party(a.agencyCode(), agencies.find(a.agencyCode()).map(x -> x.nameAz()).orElse(a.agencyCode()),
                a.role().name());
    }

    private PublishedReport published(Publication p) {
        ProgressReport r = reports.get(p.reportId());
        var c = r.content();
        return new PublishedReport(p.agencyCode(), agencies.find(p.agencyCode()).map(x -> x.nameAz()).orElse(null),
                p.cycleNumber(), p.publishedAt(), c.completionLevel(), c.whatWasDone(), c.indicatorValues(),
                c.obstacles(), c.nextSteps(), c.evidenceLinks());
    }

    private static FinalAssessmentView assessment(FinalAssessment a) {
        return new FinalAssessmentView(a.completionLevel(), a.summary(), a.publishedAt());
    }
}
