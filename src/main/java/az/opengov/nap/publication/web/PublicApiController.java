package az.opengov.nap.publication.web;

import az.opengov.nap.portal.HttpCaching;
import az.opengov.nap.portal.PublicCatalog;
import az.opengov.nap.portal.PublicCatalog.Snapshot;
import az.opengov.nap.portal.Published;
import az.opengov.nap.portal.Published.ActionView;
import az.opengov.nap.portal.Published.AgencyRecord;
import az.opengov.nap.portal.Published.AgencyView;
import az.opengov.nap.portal.Published.MeasureView;
import az.opengov.nap.portal.Published.PartyView;
import az.opengov.nap.portal.Published.PlanView;
import az.opengov.nap.portal.Published.RecordEntry;
import az.opengov.nap.portal.Published.ReportView;
import az.opengov.nap.shared.PageNumber;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * Open data: plans, measures, agencies and what the commission approved and published. Nothing else: no drafts, no
 * versions under review or returned, no review comments, no user names, no e-mail addresses. Something that is not
 * published answers exactly as something that does not exist. Every answer carries an ETag and Last-Modified for
 * conditional GETs.
 */
@RestController
@RequestMapping("/api/public")
@Tag(name = "Open data", description = "Published content only; no login. CSV/XLSX downloads of the same data are "
        + "under /open-data, Atom feeds of publications under /feeds.")
class PublicApiController {

    private final PublicCatalog catalog;
    private final SerializedPages serialized;

    PublicApiController(PublicCatalog catalog, SerializedPages serialized) {
        this.catalog = catalog;
        this.serialized = serialized;
    }

    @Schema(description = "A plan with its counts")
    record PlanSummary(String code, String title, int firstYear, int lastYear,
                       @Schema(description = "Years added to the printed years to get the calendar years")
                       int yearShift, int sections, int measures, int reportsPublished, String url) {
    }

    record SectionView(int number, String title, Map<String, Long> completionLevels, List<MeasureSummary> measures) {
    }

    record PlanDetail(PlanSummary plan, Map<String, Long> completionLevels, List<SectionView> sections,
                      Instant lastChange) {
    }

    @Schema(description = "A measure. completionLevel: the published final assessment's level, else the weakest of "
            + "the agencies' latest published levels, else NONE (nothing published yet)")
    record MeasureSummary(String code, String printedCode, int section, String subsection, String title,
                          String period, String status, String completionLevel, int reportsPublished, String url) {
    }

    record Party(String agencyCode, String name, String nameEn, String nameRu, String role, String namedAs,
                 boolean active) {
    }

    @Schema(description = "A published progress report. completionLevel is the agency's; assessedLevel the "
            + "commission's level given with its approval, if any")
    record PublishedReport(long id, String planCode, String measureCode, String agencyCode, String agencyName,
                           int cycle, LocalDate periodStart, LocalDate periodEnd, boolean finalCycle,
                           Instant publishedAt, String completionLevel, String assessedLevel, String whatWasDone,
                           String indicatorValues, String obstacles, String nextSteps, String evidenceLinks,
                           List<String> evidence, String url) {
    }

    @Schema(description = "A recorded change to the measure: action, date and reason")
    record Amendment(String action, String agencyCode, Integer cycle, String reason, String details,
                     Instant actedAt) {
    }

    record FinalAssessmentView(String completionLevel, String summary, Instant publishedAt) {
    }

    record MeasurePage(MeasureSummary measure, String indicators, List<Party> parties,
                       List<PublishedReport> publications, List<Amendment> amendments,
                       FinalAssessmentView finalAssessment) {
    }

    record AgencySummary(String code, String kind, String nameAz, String nameEn, String nameRu, int measures,
                         int reportsPublished, Map<String, Long> record, String url) {
    }

    record RecordLine(String planCode, String measureCode, int cycle, String role, LocalDate dueDate,
                      String standing, Long reportId) {
    }

    record AgencyDetail(AgencySummary agency, List<MeasureSummary> measures, List<PublishedReport> reports,
                        List<RecordLine> record) {
    }

    @GetMapping("/plans")
    @Operation(summary = "Plans")
    List<PlanSummary> plans(WebRequest request, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        if (HttpCaching.notModified(request, response, s, false, "api", "plans")) {
            return null;
        }
        return s.plans().stream().map(p -> summary(s, p)).toList();
    }

    @GetMapping("/plans/{planCode}")
    @Operation(summary = "A plan with its sections, measures and the distribution of completion levels",
            responses = @ApiResponse(responseCode = "404", description = "No such plan"))
    PlanDetail plan(@PathVariable String planCode, WebRequest request, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        PlanView p = s.plan(planCode).orElseThrow(PublicCatalog::notPublic);
        if (HttpCaching.notModified(request, response, s, false, "api", "plan", planCode)) {
            return null;
        }
        return new PlanDetail(summary(s, p), Published.countLevels(p.measures()), p.sections().stream()
                .map(x -> new SectionView(x.number(), x.title(), x.levels(),
                        x.measures().stream().map(m -> summary(m, base())).toList())).toList(), s.lastChange());
    }

    @GetMapping("/plans/{planCode}/measures")
    @Operation(summary = "A plan's measures in plan order")
    List<MeasureSummary> measures(@PathVariable String planCode, WebRequest request, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        PlanView p = s.plan(planCode).orElseThrow(PublicCatalog::notPublic);
        if (HttpCaching.notModified(request, response, s, false, "api", "measures", planCode)) {
            return null;
        }
        return p.measures().stream().map(m -> summary(m, base())).toList();
    }

    @GetMapping("/plans/{planCode}/measures/{code}")
    @Operation(summary = "A measure with its parties, amendments, published reports and published final assessment",
            responses = @ApiResponse(responseCode = "404", description = "No such measure"))
    MeasurePage measure(@PathVariable String planCode, @PathVariable String code, WebRequest request,
                        HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        MeasureView m = s.measure(planCode, code).orElseThrow(PublicCatalog::notPublic);
        if (HttpCaching.notModified(request, response, s, false, "api", "measure", planCode, code)) {
            return null;
        }
        List<Party> parties = Stream.concat(m.executors().stream(), m.recommended().stream())
                .map(p -> party(s, p)).toList();
        String base = base();
        return new MeasurePage(summary(m, base), m.indicators(), parties,
                m.reports().stream().map(r -> report(s, r, base)).toList(),
                m.amendments().stream().map(PublicApiController::amendment).toList(),
                m.assessment() == null ? null : new FinalAssessmentView(m.assessment().completionLevel(),
                        m.assessment().summary(), m.assessment().publishedAt()));
    }

    @GetMapping("/agencies")
    @Operation(summary = "Agencies taking part in a measure, with their reporting record")
    List<AgencySummary> agencies(WebRequest request, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        if (HttpCaching.notModified(request, response, s, false, "api", "agencies")) {
            return null;
        }
        return s.participatingAgencies().stream().map(a -> agency(s.agencyRecord(a.code()).orElseThrow())).toList();
    }

    @GetMapping("/agencies/{code}")
    @Operation(summary = "An agency: its measures, published reports and reporting record (recommended bodies are "
            + "invited, never late)", responses = @ApiResponse(responseCode = "404", description = "No such agency"))
    AgencyDetail agency(@PathVariable String code, WebRequest request, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        AgencyRecord r = s.agencyRecord(code).orElseThrow(PublicCatalog::notPublic);
        if (HttpCaching.notModified(request, response, s, false, "api", "agency", code)) {
            return null;
        }
        String base = base();
        return new AgencyDetail(agency(r), r.measures().stream().map(m -> summary(m, base)).toList(),
                r.reports().stream().map(x -> report(s, x, base)).toList(),
                r.record().stream().map(PublicApiController::line).toList());
    }

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;

    @GetMapping("/reports")
    @Operation(summary = "Published reports, newest first, optionally of one plan, measure or agency, a page at a time",
            description = "Pages of `size` (50, at most 500) from `page` 0. The total is in the `X-Total-Count` "
                    + "header; the `Link` header names the next and previous pages (RFC 8288). The CSV and XLSX "
                    + "downloads under /open-data hold every report at once.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the page of reports", content = @Content(
                            mediaType = "application/json",
                            array = @ArraySchema(schema = @Schema(implementation = PublishedReport.class)))),
                    @ApiResponse(responseCode = "400", description = "page or size out of range")})
    ResponseEntity<byte[]> reports(@Parameter(description = "plan code") @RequestParam(required = false) String plan,
                                  @Parameter(description = "measure code (with plan)")
                                  @RequestParam(required = false) String measure,
                                  @Parameter(description = "agency code") @RequestParam(required = false) String agency,
                                  @Parameter(description = "only reports published at or after this instant")
                                  @RequestParam(required = false) Instant since,
                                  @Parameter(description = "page number, from 0")
                                  @RequestParam(required = false) String page,
                                  @Parameter(description = "reports per page, 1 to 500 (50)")
                                  @RequestParam(required = false) String size,
                                  WebRequest request, HttpServletRequest servletRequest,
                                  HttpServletResponse response) {
        List<az.opengov.nap.shared.FieldProblem> problems = new java.util.ArrayList<>();
        int pageNumber = az.opengov.nap.shared.WholeNumber.parse(page, 0, 0, PageNumber.MAX, "page", problems);
        int pageSize = az.opengov.nap.shared.WholeNumber.parse(size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, "size",
                problems);
        if (!problems.isEmpty()) {
            throw new az.opengov.nap.shared.NapException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "validation.paging", problems);
        }
        Snapshot s = catalog.snapshot();
        List<ReportView> matching = s.reports(plan, measure).stream()
                .filter(r -> agency == null || r.agencyCode().equals(agency))
                .filter(r -> since == null || !r.publishedAt().isBefore(since))
                .toList();
        response.setHeader("X-Total-Count", Integer.toString(matching.size()));
        String links = pageLinks(matching.size(), pageNumber, pageSize);
        if (!links.isEmpty()) {
            response.setHeader(org.springframework.http.HttpHeaders.LINK, links);
        }
        String[] variant = {"api", "reports", plan, measure, agency, String.valueOf(since), "" + pageNumber,
                "" + pageSize};
        if (HttpCaching.notModified(request, response, s, false, variant)) {
            return null;
        }
        String base = base();
        return serialized.json(s, servletRequest, () -> matching.stream().skip((long) pageNumber * pageSize)
                .limit(pageSize).map(r -> report(s, r, base)).toList(), variant);
    }

    /** RFC 8288 links to the neighbouring pages of this request. */
    private static String pageLinks(int total, int page, int size) {
        List<String> links = new java.util.ArrayList<>();
        var here = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequest();
        if ((long) (page + 1) * size < total) {
            links.add("<" + here.replaceQueryParam("page", page + 1).replaceQueryParam("size", size).toUriString()
                    + ">; rel=\"next\"");
        }
        if (page > 0) {
            int previous = Math.min(page - 1, Math.max(0, (total - 1) / size));
            links.add("<" + here.replaceQueryParam("page", previous).replaceQueryParam("size", size).toUriString()
                    + ">; rel=\"prev\"");
        }
        return String.join(", ", links);
    }

    @GetMapping("/reports/{id}")
    @Operation(summary = "One published report", responses = @ApiResponse(responseCode = "404",
            description = "No published report with this id (unpublished ones answer the same)"))
    PublishedReport report(@PathVariable long id, WebRequest request, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        ReportView r = s.report(id).orElseThrow(PublicCatalog::notPublic);
        if (HttpCaching.notModified(request, response, s, false, "api", "report", "" + id)) {
            return null;
        }
        return report(s, r, base());
    }

    // ---- mapping ------------------------------------------------------------------------------------------------

    private static String base() {
        return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath().build()
                .toUriString();
    }

    private static PlanSummary summary(Snapshot s, PlanView p) {
        return new PlanSummary(p.code(), p.title(), p.firstYear(), p.lastYear(), p.yearShift(), p.sections().size(),
                p.measures().size(), s.reports(p.code()).size(), base() + "/plans/" + p.code());
    }

    private static MeasureSummary summary(MeasureView m, String base) {
        return new MeasureSummary(m.code(), m.printedCode(), m.section(), m.subsection(), m.title(), m.period(),
                m.status(), m.level(), m.reports().size(), base + "/plans/" + m.planCode() + "/measures/" + m.code());
    }

    private static Party party(Snapshot s, PartyView p) {
        AgencyView a = s.agency(p.agencyCode());
        return new Party(p.agencyCode(), a == null ? p.agencyCode() : a.nameAz(), a == null ? null : a.nameEn(),
                a == null ? null : a.nameRu(), p.role(), p.namedAs(), p.active());
    }

    private static PublishedReport report(Snapshot s, ReportView r, String base) {
        AgencyView a = s.agency(r.agencyCode());
        return new PublishedReport(r.id(), r.planCode(), r.measureCode(), r.agencyCode(),
                a == null ? null : a.nameAz(), r.cycle(), r.periodStart(), r.periodEnd(), r.finalCycle(),
                r.publishedAt(), r.completionLevel(), r.assessedLevel(), r.whatWasDone(), r.indicatorValues(),
                r.obstacles(), r.nextSteps(), String.join("\n", r.evidenceLinks()), r.evidenceLinks(),
                base + "/plans/" + r.planCode() + "/measures/" + r.measureCode() + "#report-" + r.id());
    }

    private static Amendment amendment(ActionView a) {
        return new Amendment(a.action(), a.agencyCode(), a.cycle(), a.reason(), a.details(), a.actedAt());
    }

    private static AgencySummary agency(AgencyRecord r) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (Published.Standing st : Published.Standing.values()) {
            counts.put(st.name(), r.count(st));
        }
        AgencyView a = r.agency();
        return new AgencySummary(a.code(), a.kind(), a.nameAz(), a.nameEn(), a.nameRu(), r.measures().size(),
                r.reports().size(), counts, base() + "/agencies/" + a.code());
    }

    private static RecordLine line(RecordEntry e) {
        return new RecordLine(e.planCode(), e.measureCode(), e.cycle(), e.role(), e.dueDate(), e.standing().name(),
                e.reportId());
    }
}
