package az.opengov.nap.plan.web;

import az.opengov.nap.plan.ImportPreview;
import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.Plan;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.web.AdministrationPage;
import az.opengov.nap.shared.web.PageProblems;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The plan pages for administrators: {@code /admin/plans} lists the plans, {@code /admin/plans/{code}} shows one with
 * its measures and reporting calendar, {@code /admin/plans/import} imports a file in two steps. The upload is checked
 * and previewed first, nothing written; the preview carries a token bound to that upload (kept in the session for
 * {@value #TOKEN_MINUTES} minutes), and only confirming with the token imports it.
 */
@Controller
@AdministrationPage
@RequestMapping("/admin/plans")
class PlanAdminPages {

    static final int TOKEN_MINUTES = 30;
    private static final String UPLOADS = PlanAdminPages.class.getName() + ".uploads";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PlanService plans;
    private final PlanImportService imports;
    private final Messages messages;

    PlanAdminPages(PlanService plans, PlanImportService imports, Messages messages) {
        this.plans = plans;
        this.imports = imports;
        this.messages = messages;
    }

    /** An upload waiting for confirmation: the request as previewed, and when it was made. */
    record PendingUpload(ImportRequest request, Instant at) {
    }

    /** The plan's own data as the import form sends it. */
    record ImportForm(String planCode, String title, Integer firstYear, Integer lastYear, Integer yearShift,
                      Boolean createAgencies) {

        static ImportForm empty() {
            return new ImportForm("", "", null, null, 0, false);
        }
    }

    record PlanRow(Plan plan, int measures) {
    }

    /** A measure of the preview with its organisations as the file names them. */
    record PreviewRow(int row, String printedCode, String title, String period, String executors,
                      String recommended) {
    }

    private static String names(List<String> codes, Map<String, String> names) {
        return String.join("; ", codes.stream().map(c -> names.getOrDefault(c, c)).toList());
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("plans", plans.plans().stream()
                .map(p -> new PlanRow(p, plans.measures(p.code()).size())).toList());
        return "administration/plans";
    }

    @GetMapping("/import")
    String importForm(Model model) {
        model.addAttribute("form", ImportForm.empty());
        return "administration/plan-import";
    }

    @PostMapping("/import")
    String preview(@RequestParam(name = "file", required = false) MultipartFile file, @ModelAttribute ImportForm form,
                   Principal principal, HttpSession session, Model model) throws IOException {
        model.addAttribute("form", form);
        List<FieldProblem> formProblems = new java.util.ArrayList<>();
        if (form.firstYear() == null) {
            formProblems.add(FieldProblem.of("firstYear", "validation.required"));
        }
        if (form.lastYear() == null) {
            formProblems.add(FieldProblem.of("lastYear", "validation.required"));
        }
        if (file == null || file.isEmpty()) {
            formProblems.add(FieldProblem.of("file", "import.emptyFile"));
        }
        if (!formProblems.isEmpty()) {
            model.addAttribute("problems", PageProblems.lines(formProblems, messages));
            return "administration/plan-import";
        }
        ImportRequest request = new ImportRequest(form.planCode(), form.title(), form.firstYear(), form.lastYear(),
                form.yearShift() == null ? 0 : form.yearShift(), PlanCalendar.DEFAULT,
                Boolean.TRUE.equals(form.createAgencies()), file.getBytes(), file.getOriginalFilename(),
                principal.getName());
        ImportPreview preview = imports.preview(request);
        model.addAttribute("preview", preview);
        // the organisations as the file names them, for the preview's rows (which carry agency codes)
        Map<String, String> names = new java.util.HashMap<>();
        preview.organisations().stream().filter(o -> o.agencyCode() != null)
                .forEach(o -> names.putIfAbsent(o.agencyCode(), o.name()));
        model.addAttribute("rows", preview.measuresToCreate().stream()
                .map(m -> new PreviewRow(m.row(), m.printedCode(), m.title(), m.period(), names(m.executors(), names),
                        names(m.recommended(), names)))
                .toList());
        model.addAttribute("fileName", file.getOriginalFilename());
        model.addAttribute("problems", PageProblems.lines(preview.problems(), messages));
        if (preview.valid()) {
            model.addAttribute("token", remember(session, request));
            model.addAttribute("tokenMinutes", TOKEN_MINUTES);
        }
        return "administration/plan-import";
    }

    @PostMapping("/import/confirm")
    String confirm(@RequestParam String token, Principal principal, HttpSession session, Model model,
                   RedirectAttributes redirect) {
        PendingUpload upload = uploads(session).remove(token);
        if (upload == null || !upload.request().user().equals(principal.getName())
                || upload.at().plus(Duration.ofMinutes(TOKEN_MINUTES)).isBefore(az.opengov.nap.shared.Clock.now())) {
            model.addAttribute("form", ImportForm.empty());
            model.addAttribute("problems", List.of(new PageProblems.Line(null, "token",
                    messages.text("administration.import.tokenExpired", TOKEN_MINUTES))));
            return "administration/plan-import";
        }
        try {
            ImportPreview done = imports.commit(upload.request());
            redirect.addFlashAttribute("notice", messages.text("administration.import.done",
                    done.measuresToCreate().size(), done.planCode()));
            return "redirect:/admin/plans/" + done.planCode();
        } catch (NapException e) {
            // the registry or the plan changed since the preview: show what is wrong now, nothing was imported
            model.addAttribute("form", ImportForm.empty());
            model.addAttribute("problems", PageProblems.lines(e, messages));
            return "administration/plan-import";
        }
    }

    @GetMapping("/{code}")
    String plan(@PathVariable String code, Model model) {
        Plan plan = plans.plan(code);
        List<Measure> measures = plans.measures(code);
        model.addAttribute("plan", plan);
        model.addAttribute("sections", plans.sections(code));
        model.addAttribute("measures", measures);
        if (!model.containsAttribute("calendar")) {
            model.addAttribute("calendar", plan.calendar());
        }
        return "administration/plan";
    }

    private static String remember(HttpSession session, ImportRequest request) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Map<String, PendingUpload> uploads = uploads(session);
        Instant now = az.opengov.nap.shared.Clock.now();
        // one session keeps a few uploads at most, and none past their time
        uploads.values().removeIf(u -> u.at().plus(Duration.ofMinutes(TOKEN_MINUTES)).isBefore(now));
        if (uploads.size() >= 3) {
            uploads.clear();
        }
        uploads.put(token, new PendingUpload(request, now));
        return token;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, PendingUpload> uploads(HttpSession session) {
        Object existing = session.getAttribute(UPLOADS);
        if (existing instanceof Map<?, ?> map) {
            return (Map<String, PendingUpload>) map;
        }
        Map<String, PendingUpload> created = new ConcurrentHashMap<>();
        session.setAttribute(UPLOADS, created);
        return created;
    }
}
