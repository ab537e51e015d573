package az.opengov.nap.portal.web;

import az.opengov.nap.portal.ImplementationReport;
import az.opengov.nap.portal.ImplementationReportPdf;
import az.opengov.nap.portal.PortalFormat;
import az.opengov.nap.portal.PortalSearch;
import az.opengov.nap.portal.PublicCatalog;
import az.opengov.nap.portal.PublicCatalog.Snapshot;
import az.opengov.nap.portal.Published;
import az.opengov.nap.portal.Published.AgencyRecord;
import az.opengov.nap.portal.Published.MeasureView;
import az.opengov.nap.portal.Published.PlanView;
import az.opengov.nap.shared.Messages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.View;

/**
 * The public portal's pages: no login, stable addresses, only what the commission approved and published. Each page
 * answers 304 to a reader whose copy is current.
 */
@Controller
class PortalController {

    static final int LATEST = 8;

    private final PublicCatalog catalog;
    private final Messages messages;
    private final PortalFormat format;
    private final ImplementationReportPdf pdf;
    private final RenderedPages pages;

    PortalController(PublicCatalog catalog, Messages messages, PortalFormat format, ImplementationReportPdf pdf,
                     RenderedPages pages) {
        this.catalog = catalog;
        this.messages = messages;
        this.format = format;
        this.pdf = pdf;
        this.pages = pages;
    }

    /** The newest plan's overview, with every plan listed. */
    @GetMapping("/")
    View home(Model model, WebRequest request, HttpServletRequest http, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        if (PageSupport.notModified(request, response, s, true, "home", PageSupport.lang())) {
            return null;
        }
        PlanView plan = s.plans().stream().max(Comparator.comparingInt(PlanView::firstCalendarYear)).orElse(null);
        if (plan == null) {
            PageSupport.page(model, s, messages.text("portal.site"), messages.text("portal.tagline"), "/");
            model.addAttribute("plans", List.of());
            return pages.view("portal/empty", s, http, "home", PageSupport.lang());
        }
        return pages.view(planPage(model, s, plan), s, http, "home", PageSupport.lang());
    }

    @GetMapping("/plans")
    String plans() {
        return "redirect:/";
    }

    @GetMapping("/plans/{planCode}")
    View plan(@PathVariable String planCode, Model model, WebRequest request, HttpServletRequest http,
              HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        PlanView plan = s.plan(planCode).orElseThrow(PublicCatalog::notPublic);
        if (PageSupport.notModified(request, response, s, true, "plan", planCode, PageSupport.lang())) {
            return null;
        }
        return pages.view(planPage(model, s, plan), s, http, "plan", planCode, PageSupport.lang());
    }

    private String planPage(Model model, Snapshot s, PlanView plan) {
        List<MeasureView> measures = plan.measures();
        PageSupport.page(model, s, plan.title(), messages.text("portal.plan.description", measures.size(),
                plan.sections().size(), s.reports(plan.code()).size()), "/plans/" + plan.code());
        model.addAttribute("plan", plan);
        model.addAttribute("plans", s.plans());
        model.addAttribute("levels", Published.countLevels(measures));
        model.addAttribute("measureCount", measures.size());
        model.addAttribute("latest", s.reports(plan.code()).stream().limit(LATEST).toList());
        model.addAttribute("reportCount", s.reports(plan.code()).size());
        model.addAttribute("agencyCount", s.participatingAgencies().size());
        model.addAttribute("assessedCount", measures.stream().filter(m -> m.assessment() != null).count());
        return "portal/plan";
    }

    /** A measure's published reports, {@link #TIMELINE_PAGE} at a time, by agency in the order of the parties. */
    @GetMapping("/plans/{planCode}/measures/{code}")
    View measure(@PathVariable String planCode, @PathVariable String code,
                 @RequestParam(required = false) String page, Model model, WebRequest request,
                 HttpServletRequest http, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        PlanView plan = s.plan(planCode).orElseThrow(PublicCatalog::notPublic);
        MeasureView m = s.measure(planCode, code).orElseThrow(PublicCatalog::notPublic);
        Timeline timeline = Timeline.of(m, page);
        if (PageSupport.notModified(request, response, s, true, "measure", planCode, code, PageSupport.lang(),
                "" + timeline.page())) {
            return null;
        }
        model.addAttribute("timeline", timeline);
        PageSupport.page(model, s, m.code() + " · " + format.excerpt(m.title(), 110),
                format.excerpt(messages.text("portal.measure.description", m.code(), plan.title(),
                        messages.text("portal.level." + m.level()), m.reports().size()) + " " + m.title(), 300),
                "/plans/" + planCode + "/measures/" + code);
        model.addAttribute("plan", plan);
        model.addAttribute("section", plan.sections().stream().filter(x -> x.number() == m.section()).findFirst()
                .orElse(null));
        model.addAttribute("measure", m);
        return pages.view("portal/measure", s, http, "measure", planCode, code, PageSupport.lang(),
                "" + timeline.page());
    }

    @GetMapping("/agencies")
    View agencies(Model model, WebRequest request, HttpServletRequest http, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        if (PageSupport.notModified(request, response, s, true, "agencies", PageSupport.lang())) {
            return null;
        }
        PageSupport.page(model, s, messages.text("portal.agencies.title"), messages.text("portal.agencies.lead"),
                "/agencies");
        List<AgencyRecord> records = s.participatingAgencies().stream()
                .map(a -> s.agencyRecord(a.code()).orElseThrow()).toList();
        model.addAttribute("records", records);
        return pages.view("portal/agencies", s, http, "agencies", PageSupport.lang());
    }

    @GetMapping("/agencies/{code}")
    View agency(@PathVariable String code, Model model, WebRequest request, HttpServletRequest http,
                HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        AgencyRecord record = s.agencyRecord(code).orElseThrow(PublicCatalog::notPublic);
        if (PageSupport.notModified(request, response, s, true, "agency", code, PageSupport.lang())) {
            return null;
        }
        String name = record.agency().name(PageSupport.lang());
        PageSupport.page(model, s, name, messages.text("portal.agency.description", name, record.measures().size(),
                record.reports().size()), "/agencies/" + code);
        model.addAttribute("record", record);
        return pages.view("portal/agency", s, http, "agency", code, PageSupport.lang());
    }

    @GetMapping("/search")
    String search(@RequestParam(name = "q", required = false, defaultValue = "") String q, Model model) {
        Snapshot s = catalog.snapshot();
        String query = q.length() > 200 ? q.substring(0, 200) : q;
        PageSupport.page(model, s, messages.text("portal.search.title"), messages.text("portal.search.lead"),
                "/search");
        model.addAttribute("q", query);
        model.addAttribute("results", PortalSearch.search(s, query));
        return "portal/search";
    }

    @GetMapping("/open-data")
    String openData(Model model, WebRequest request, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        if (PageSupport.notModified(request, response, s, true, "open-data", PageSupport.lang())) {
            return null;
        }
        PageSupport.page(model, s, messages.text("portal.openData.title"), messages.text("portal.openData.lead"),
                "/open-data");
        model.addAttribute("plans", s.plans());
        return "portal/open-data";
    }

    @GetMapping("/reports/{planCode}/{year:\\d{4}}")
    String report(@PathVariable String planCode, @PathVariable int year, Model model, WebRequest request,
                  HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        ImplementationReport report = implementationReport(s, planCode, year);
        if (PageSupport.notModified(request, response, s, true, "report", planCode, "" + year, PageSupport.lang())) {
            return null;
        }
        PageSupport.page(model, s, messages.text("portal.report.title", report.plan().title(), year),
                messages.text("portal.report.description", year, report.measures(), report.reportsPublished()),
                "/reports/" + planCode + "/" + year);
        model.addAttribute("report", report);
        model.addAttribute("plan", report.plan());
        return "portal/report";
    }

    /** The implementation report as a PDF, in Azerbaijani or English (Russian readers get the English one). */
    @GetMapping("/reports/{planCode}/{year:\\d{4}}.pdf")
    ResponseEntity<byte[]> reportPdf(@PathVariable String planCode, @PathVariable int year, WebRequest request,
                                     HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        ImplementationReport report = implementationReport(s, planCode, year);
        Locale locale = "az".equals(PageSupport.lang()) ? Messages.AZ : Locale.ENGLISH;
        if (PageSupport.notModified(request, response, s, false, "pdf", planCode, "" + year, locale.getLanguage())) {
            return null;
        }
        byte[] body = pdf.write(s, report, locale, PageSupport.baseUrl() + "/reports/" + planCode + "/" + year);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(planCode + "-" + year + "-" + locale.getLanguage() + ".pdf").build().toString())
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
                .body(body);
    }

    private static ImplementationReport implementationReport(Snapshot s, String planCode, int year) {
        PlanView plan = s.plan(planCode).orElseThrow(PublicCatalog::notPublic);
        if (year < plan.firstCalendarYear() || year > plan.lastCalendarYear()) {
            throw PublicCatalog.notPublic();
        }
        return ImplementationReport.of(s, plan, year);
    }
}
