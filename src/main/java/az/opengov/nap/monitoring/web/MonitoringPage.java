package az.opengov.nap.monitoring.web;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.monitoring.ActionOutcome;
import az.opengov.nap.monitoring.ActionRequest;
import az.opengov.nap.monitoring.AgencyReport;
import az.opengov.nap.monitoring.MonitoringService;
import az.opengov.nap.monitoring.OverdueFilter;
import az.opengov.nap.monitoring.OverduePage;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.Messages;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import az.opengov.nap.shared.web.AdministrationPage;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The overdue dashboard {@code /admin/monitoring} (administrators only, see SecurityConfig): tiles, buckets, groups,
 * filtered and sorted rows with their actions; an agency's and a measure's record.
 */
@Controller
@AdministrationPage
@RequestMapping("/admin/monitoring")
class MonitoringPage {

    private final MonitoringService monitoring;
    private final PlanService plans;
    private final AgencyService agencies;
    private final UserDirectory users;
    private final Messages messages;

    MonitoringPage(MonitoringService monitoring, PlanService plans, AgencyService agencies, UserDirectory users,
                   Messages messages) {
        this.monitoring = monitoring;
        this.plans = plans;
        this.agencies = agencies;
        this.users = users;
        this.messages = messages;
    }

    @GetMapping
    String dashboard(@RequestParam(required = false) String plan, @RequestParam(required = false) String section,
                     @RequestParam(required = false) String agency, @RequestParam(required = false) String kind,
                     @RequestParam(required = false) String role, @RequestParam(required = false) String sort,
                     @RequestParam(required = false) String dir, @RequestParam(required = false) String page,
                     @RequestParam(required = false) String size, HttpServletRequest request, Model model) {
        OverdueFilter filter = OverdueFilter.of(plan, section, agency, kind, role, sort, dir, page, size);
        OverduePage result = monitoring.overdue(filter);
        model.addAttribute("result", result);
        model.addAttribute("f", filter);
        model.addAttribute("plans", plans.plans());
        model.addAttribute("sections", filter.plan() == null ? List.of() : plans.sections(filter.plan()));
        model.addAttribute("agencies", agencyChoices());
        model.addAttribute("reviewDays", monitoring.reviewDays());
        String query = query(request);
        model.addAttribute("exportCsv", "/admin/monitoring/export.csv" + query);
        model.addAttribute("exportXlsx", "/admin/monitoring/export.xlsx" + query);
        model.addAttribute("previous", filter.page() > 0 ? pageLink(request, filter.page() - 1) : null);
        model.addAttribute("next", result.hasNext() ? pageLink(request, filter.page() + 1) : null);
        model.addAttribute("minDueDate", az.opengov.nap.shared.Clock.today().plusDays(1));
        return "admin/monitoring";
    }

    @PostMapping("/actions")
    String act(@RequestParam String action, @RequestParam(required = false) List<String> taskIds,
               @RequestParam(required = false) String reason,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueDate,
               @RequestParam(required = false) String agencyCode,
               @RequestParam(required = false) String back, Model model) {
        ActionOutcome outcome = monitoring.act(new ActionRequest(action, taskIds, reason, dueDate,
                agencyCode == null || agencyCode.isBlank() ? null : agencyCode), users.current());
        model.addAttribute("outcome", outcome);
        model.addAttribute("back", back != null && back.startsWith("/admin/monitoring") ? back : "/admin/monitoring");
        return "admin/monitoring-result";
    }

    @GetMapping("/agencies/{code}")
    String agency(@PathVariable String code, Model model) {
        AgencyReport report = monitoring.agency(code);
        model.addAttribute("report", report);
        model.addAttribute("chart", TrendChart.of(report, messages));
        return "admin/monitoring-agency";
    }

    @GetMapping("/measures/{id}")
    String measure(@PathVariable long id, Model model) {
        model.addAttribute("report", monitoring.measure(id));
        model.addAttribute("agencies", agencyChoices());
        return "admin/monitoring-measure";
    }

    private List<Agency> agencyChoices() {
        String lang = Messages.supported(org.springframework.context.i18n.LocaleContextHolder.getLocale())
                .getLanguage();
        return agencies.all().stream().filter(a -> !a.collective())
                .sorted(Comparator.comparing((Agency a) -> a.name(lang))).toList();
    }

    /** The current query string (without the language), for the export links. */
    private static String query(HttpServletRequest request) {
        String q = UriComponentsBuilder.newInstance().query(request.getQueryString()).replaceQueryParam("lang")
                .build().getQuery();
        return q == null || q.isEmpty() ? "" : "?" + q;
    }

    private static String pageLink(HttpServletRequest request, int page) {
        return UriComponentsBuilder.fromPath("/admin/monitoring").query(request.getQueryString())
                .replaceQueryParam("lang").replaceQueryParam("page", page).build().toUriString();
    }
}
