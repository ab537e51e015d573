package az.opengov.nap.portal.web;

import az.opengov.nap.portal.AtomFeed;
import az.opengov.nap.portal.OpenData;
import az.opengov.nap.portal.OpenData.Table;
import az.opengov.nap.portal.PublicCatalog;
import az.opengov.nap.portal.PublicCatalog.Snapshot;
import az.opengov.nap.portal.Published.AgencyRecord;
import az.opengov.nap.portal.Published.MeasureView;
import az.opengov.nap.portal.Published.PlanView;
import az.opengov.nap.shared.Messages;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;

/**
 * Downloads (CSV, XLSX) and Atom feeds of what was published. Every answer carries an ETag and Last-Modified, so
 * mirrors and feed readers poll with a conditional GET and get 304 when nothing changed.
 */
@Controller
class OpenDataController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    private final PublicCatalog catalog;
    private final Messages messages;

    OpenDataController(PublicCatalog catalog, Messages messages) {
        this.catalog = catalog;
        this.messages = messages;
    }

    @GetMapping("/open-data/{planCode}/measures.{format}")
    ResponseEntity<byte[]> measures(@PathVariable String planCode, @PathVariable String format, WebRequest request,
                                    HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        PlanView plan = s.plan(planCode).orElseThrow(PublicCatalog::notPublic);
        return table(s, request, response, format, planCode + "-measures",
                () -> OpenData.measures(s, plan, PageSupport.baseUrl()));
    }

    @GetMapping("/open-data/{planCode}/reports.{format}")
    ResponseEntity<byte[]> reports(@PathVariable String planCode, @PathVariable String format, WebRequest request,
                                   HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        s.plan(planCode).orElseThrow(PublicCatalog::notPublic);
        return table(s, request, response, format, planCode + "-reports",
                () -> OpenData.reports(s, s.reports(planCode), PageSupport.baseUrl()));
    }

    @GetMapping("/open-data/agencies.{format}")
    ResponseEntity<byte[]> agencies(@PathVariable String format, WebRequest request, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        return table(s, request, response, format, "agencies", () -> OpenData.agencies(s, PageSupport.baseUrl()));
    }

    private ResponseEntity<byte[]> table(Snapshot s, WebRequest request, HttpServletResponse response, String format,
                                         String name, java.util.function.Supplier<Table> table) {
        if (!"csv".equals(format) && !"xlsx".equals(format)) {
            throw PublicCatalog.notPublic();
        }
        if (PageSupport.notModified(request, response, s, false, name, format)) {
            return null;
        }
        Table t = table.get();
        byte[] body = "csv".equals(format) ? OpenData.csv(t) : OpenData.xlsx(t);
        return ResponseEntity.ok().contentType("csv".equals(format) ? CSV : XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name + "." + format).build().toString())
                .body(body);
    }

    // ---- Atom ---------------------------------------------------------------------------------------------------

    @GetMapping("/feeds/{planCode}")
    ResponseEntity<byte[]> planFeed(@PathVariable String planCode,
                                    @RequestParam(name = "lang", defaultValue = "az") String lang,
                                    WebRequest request, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        PlanView plan = s.plan(planCode).orElseThrow(PublicCatalog::notPublic);
        String l = language(lang);
        return feed(s, request, response, l, "/feeds/" + planCode, "/plans/" + planCode,
                text(l, "portal.feed.plan", plan.title()), s.reports(planCode), plan.measures());
    }

    @GetMapping("/feeds/{planCode}/measures/{code}")
    ResponseEntity<byte[]> measureFeed(@PathVariable String planCode, @PathVariable String code,
                                       @RequestParam(name = "lang", defaultValue = "az") String lang,
                                       WebRequest request, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        MeasureView m = s.measure(planCode, code).orElseThrow(PublicCatalog::notPublic);
        String l = language(lang);
        return feed(s, request, response, l, "/feeds/" + planCode + "/measures/" + code,
                "/plans/" + planCode + "/measures/" + code, text(l, "portal.feed.measure", m.code(), m.title()),
                m.reports(), List.of(m));
    }

    @GetMapping("/feeds/agencies/{code}")
    ResponseEntity<byte[]> agencyFeed(@PathVariable String code,
                                      @RequestParam(name = "lang", defaultValue = "az") String lang,
                                      WebRequest request, HttpServletResponse response) {
        Snapshot s = catalog.snapshot();
        AgencyRecord r = s.agencyRecord(code).orElseThrow(PublicCatalog::notPublic);
        String l = language(lang);
        return feed(s, request, response, l, "/feeds/agencies/" + code, "/agencies/" + code,
                text(l, "portal.feed.agency", r.agency().name(l)), r.reports(), List.of());
    }

    private ResponseEntity<byte[]> feed(Snapshot s, WebRequest request, HttpServletResponse response, String lang,
                                        String selfPath, String pagePath, String title,
                                        List<az.opengov.nap.portal.Published.ReportView> reports,
                                        List<MeasureView> assessed) {
        if (PageSupport.notModified(request, response, s, false, "feed", selfPath, lang)) {
            return null;
        }
        String base = PageSupport.baseUrl();
        List<AtomFeed.Entry> entries = AtomFeed.entries(s, reports, assessed, base, lang,
                (key, args) -> text(lang, key, args));
        String self = base + selfPath + ("az".equals(lang) ? "" : "?lang=" + lang);
        byte[] body = AtomFeed.write(self, title, self, base + pagePath + "?lang=" + lang, s.lastChange(), lang,
                entries);
        return ResponseEntity.ok().contentType(ATOM).body(body);
    }

    private static String language(String lang) {
        return Messages.supported(Locale.forLanguageTag(lang)).getLanguage();
    }

    private String text(String lang, String key, Object... args) {
        return messages.text(Locale.forLanguageTag(lang), key, args);
    }
}
