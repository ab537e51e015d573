package az.opengov.nap.measure.web;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.plan.AgencyRole;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.MeasureAgency;
import az.opengov.nap.plan.MeasureChanges;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.web.AdministrationPage;
import az.opengov.nap.shared.web.PageProblems;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators' pages that change a running plan: a measure's amendment ({@code /admin/measures/{id}/amend}) and
 * a plan's reporting calendar (posted from the plan page). Each change needs a reason and is recorded; a wrong field
 * is named in the user's language and nothing changes.
 */
@Controller
@AdministrationPage
class MeasureAdminPages {

    private final MeasureExecutionService execution;
    private final PlanService plans;
    private final AgencyService agencies;
    private final UserDirectory users;
    private final Messages messages;

    MeasureAdminPages(MeasureExecutionService execution, PlanService plans, AgencyService agencies,
                      UserDirectory users, Messages messages) {
        this.execution = execution;
        this.plans = plans;
        this.agencies = agencies;
        this.users = users;
        this.messages = messages;
    }

    /** The amendment form as sent: texts, years and dates as typed, organisations as agency codes. */
    record AmendForm(String title, String indicators, String firstYear, String lastYear, List<String> executors,
                     List<String> recommended, String reason, String effectiveDate) {
    }

    /** The calendar form as sent, numbers as typed. */
    record CalendarForm(String frequencyMonths, String dueOffsetDays, String reminderDays, String escalationDays,
                        String revisionDays, String windowDays, String reason) {
    }

    record AgencyOption(String code, String name) {
    }

    @GetMapping("/admin/measures/{id}/amend")
    String amendForm(@PathVariable long id, Model model) {
        Measure m = plans.measure(id);
        List<MeasureAgency> parties = plans.parties(id);
        AmendForm form = new AmendForm(m.title(), m.indicators(), String.valueOf(m.firstYear()),
                String.valueOf(m.lastYear()), codes(parties, AgencyRole.EXECUTOR),
                codes(parties, AgencyRole.RECOMMENDED), "", Clock.today().toString());
        return amendPage(m, form, List.of(), model);
    }

    @PostMapping("/admin/measures/{id}/amend")
    String amend(@PathVariable long id, @ModelAttribute AmendForm form, Model model, RedirectAttributes redirect) {
        Measure m = plans.measure(id);
        List<FieldProblem> problems = new ArrayList<>();
        Integer first = number(form.firstYear(), "period", problems);
        Integer last = number(form.lastYear(), "period", problems);
        LocalDate effective = date(form.effectiveDate(), "effectiveDate", problems);
        if (!problems.isEmpty()) {
            return amendPage(m, form, PageProblems.lines(problems, messages), model);
        }
        try {
            execution.amend(id, new MeasureChanges(form.title(), form.indicators(), first, last,
                    orEmpty(form.executors()), orEmpty(form.recommended())), form.reason(), effective,
                    users.current());
        } catch (NapException e) {
            return amendPage(m, form, PageProblems.lines(e, messages), model);
        }
        redirect.addFlashAttribute("notice", messages.text("administration.amend.done", m.printedCode()));
        return "redirect:/admin/measures/" + id + "/amend";
    }

    @PostMapping("/admin/plans/{code}/calendar")
    String calendar(@PathVariable String code, @ModelAttribute CalendarForm form, RedirectAttributes redirect) {
        plans.plan(code);
        List<FieldProblem> problems = new ArrayList<>();
        Integer frequency = number(form.frequencyMonths(), "frequencyMonths", problems);
        Integer due = number(form.dueOffsetDays(), "dueOffsetDays", problems);
        Integer reminder = number(form.reminderDays(), "reminderDays", problems);
        Integer escalation = number(form.escalationDays(), "escalationDays", problems);
        Integer revision = number(form.revisionDays(), "revisionDays", problems);
        Integer window = number(form.windowDays(), "windowDays", problems);
        PlanCalendar calendar = null;
        if (problems.isEmpty()) {
            if (frequency <= 0 || 12 % frequency != 0) {
                problems.add(FieldProblem.of("frequencyMonths", "validation.calendar.frequency"));
            }
            if (due < 0 || reminder < 0 || escalation <= 0 || revision <= 0 || window < 0) {
                problems.add(FieldProblem.of("calendar", "validation.calendar.days"));
            }
            if (problems.isEmpty()) {
                calendar = new PlanCalendar(frequency, due, reminder, escalation, revision, window);
            }
        }
        try {
            if (calendar != null) {
                execution.changeCalendar(code, calendar, form.reason(), users.current());
                redirect.addFlashAttribute("notice", messages.text("administration.calendar.done"));
                return "redirect:/admin/plans/" + code;
            }
        } catch (NapException e) {
            redirect.addFlashAttribute("calendarProblems", PageProblems.lines(e, messages));
            redirect.addFlashAttribute("calendar", form);
            return "redirect:/admin/plans/" + code + "#calendar";
        }
        redirect.addFlashAttribute("calendarProblems", PageProblems.lines(problems, messages));
        redirect.addFlashAttribute("calendar", form);
        return "redirect:/admin/plans/" + code + "#calendar";
    }

    private String amendPage(Measure m, AmendForm form, List<PageProblems.Line> problems, Model model) {
        String language = Messages.supported(LocaleContextHolder.getLocale()).getLanguage();
        model.addAttribute("measure", m);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("fieldProblems", PageProblems.byField(problems));
        model.addAttribute("agencies", agencies.all().stream()
                .map(a -> new AgencyOption(a.code(), a.name(language)))
                .sorted(Comparator.comparing(AgencyOption::name)).toList());
        model.addAttribute("names", agencies.all().stream()
                .collect(java.util.stream.Collectors.toMap(Agency::code, a -> a.name(language))));
        List<az.opengov.nap.plan.Amendment> newestFirst = new ArrayList<>(execution.amendments(m.id()));
        java.util.Collections.reverse(newestFirst);
        model.addAttribute("amendments", newestFirst);
        return "administration/measure-amend";
    }

    private static List<String> codes(List<MeasureAgency> parties, AgencyRole role) {
        return parties.stream().filter(p -> p.role() == role).map(MeasureAgency::agencyCode).toList();
    }

    private static List<String> orEmpty(List<String> codes) {
        return codes == null ? List.of() : codes;
    }

    private static Integer number(String text, String field, List<FieldProblem> problems) {
        try {
            return Integer.valueOf(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of(field, "validation.number"));
            return null;
        }
    }

    private static LocalDate date(String text, String field, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(FieldProblem.of(field, "validation.required"));
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(FieldProblem.of(field, "validation.date"));
            return null;
        }
    }
}
