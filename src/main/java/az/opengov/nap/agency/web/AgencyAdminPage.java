package az.opengov.nap.agency.web;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyKind;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.agency.web.AgencyAdminController.AgencyForm;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.web.AdministrationPage;
import az.opengov.nap.shared.web.PageProblems;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page {@code /admin/agencies}: the registry with a form to add an agency or a collective, and per agency its
 * names and contacts, whether it is in service, and for a collective its members. The same checks and audit records
 * as the registry's JSON API.
 */
@Controller
@AdministrationPage
@RequestMapping("/admin/agencies")
class AgencyAdminPage {

    private final AgencyService agencies;
    private final AuditService audit;
    private final UserDirectory users;
    private final Messages messages;
    private final TransactionTemplate transaction;

    AgencyAdminPage(AgencyService agencies, AuditService audit, UserDirectory users, Messages messages,
                    PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.agencies = agencies;
        this.audit = audit;
        this.users = users;
        this.messages = messages;
    }

    /** The form as sent: e-mail addresses separated by {@code ;} or new lines. */
    record PageForm(String code, AgencyKind kind, String nameAz, String nameEn, String nameRu, String emails,
                    String headEmail) {

        static PageForm empty() {
            return new PageForm("", AgencyKind.STATE_AGENCY, "", "", "", "", "");
        }

        static PageForm of(Agency a) {
            return new PageForm(a.code(), a.kind(), a.nameAz(), a.nameEn(), a.nameRu(), String.join("; ", a.emails()),
                    a.headEmail());
        }

        AgencyForm form(String code) {
            List<String> addresses = emails == null ? List.of() : Arrays.stream(emails.split("[;\\s]+"))
                    .filter(s -> !s.isBlank()).toList();
            return new AgencyForm(code == null ? null : code.strip(), kind, nameAz == null ? "" : nameAz,
                    blankToNull(nameEn), blankToNull(nameRu), addresses, blankToNull(headEmail), List.of(), List.of());
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    record Row(Agency agency, String name, int members, boolean active) {
    }

    @GetMapping
    String list(Model model) {
        return listPage(PageForm.empty(), List.of(), model);
    }

    @PostMapping
    String create(@ModelAttribute PageForm form, Model model, RedirectAttributes redirect) {
        try {
            AgencyForm f = form.form(form.code());
            AgencyAdminController.check(f, true);
            inTransaction(() -> {
                Agency a = agencies.create(AgencyAdminController.agency(f), List.of(), List.of());
                audit.change(users.current().username(), "AGENCY_CREATED", "agency", a.code(), a.nameAz());
            });
        } catch (NapException e) {
            return listPage(form, PageProblems.lines(e, messages), model);
        }
        redirect.addFlashAttribute("notice", messages.text("administration.agencies.created", form.code().strip()));
        return "redirect:/admin/agencies/" + form.code().strip();
    }

    @GetMapping("/{code}")
    String edit(@PathVariable String code, Model model) {
        return editPage(agencies.get(code), PageForm.of(agencies.get(code)), List.of(), model);
    }

    @PostMapping("/{code}")
    String update(@PathVariable String code, @ModelAttribute PageForm form, Model model, RedirectAttributes redirect) {
        Agency before = agencies.get(code);
        try {
            AgencyForm f = form.form(code);
            AgencyAdminController.check(f, false);
            inTransaction(() -> {
                agencies.update(AgencyAdminController.agency(f));
                audit.change(users.current().username(), "AGENCY_CHANGED", "agency", code,
                        before.nameAz() + " -> " + f.nameAz().strip());
            });
        } catch (NapException e) {
            return editPage(before, form, PageProblems.lines(e, messages), model);
        }
        redirect.addFlashAttribute("notice", messages.text("administration.agencies.changed", code));
        return "redirect:/admin/agencies/" + code;
    }

    @PostMapping("/{code}/active")
    @Transactional
    String active(@PathVariable String code, @RequestParam boolean active, RedirectAttributes redirect) {
        agencies.setActive(code, active);
        audit.change(users.current().username(), active ? "AGENCY_REACTIVATED" : "AGENCY_DEACTIVATED", "agency", code,
                null);
        redirect.addFlashAttribute("notice", messages.text(active ? "administration.agencies.reactivated"
                : "administration.agencies.deactivated", code));
        return "redirect:/admin/agencies/" + code;
    }

    @PostMapping("/{code}/members")
    String addMember(@PathVariable String code, @RequestParam String member, Model model,
                     RedirectAttributes redirect) {
        try {
            inTransaction(() -> {
                agencies.addMember(code, member);
                audit.change(users.current().username(), "AGENCY_MEMBER_ADDED", "agency", code, member);
            });
        } catch (NapException e) {
            Agency agency = agencies.get(code);
            return editPage(agency, PageForm.of(agency), PageProblems.lines(e, messages), model);
        }
        redirect.addFlashAttribute("notice", messages.text("administration.agencies.memberAdded", member));
        return "redirect:/admin/agencies/" + code;
    }

    @PostMapping("/{code}/members/{member}/remove")
    @Transactional
    String removeMember(@PathVariable String code, @PathVariable String member, RedirectAttributes redirect) {
        agencies.removeMember(code, member);
        audit.change(users.current().username(), "AGENCY_MEMBER_REMOVED", "agency", code, member);
        redirect.addFlashAttribute("notice", messages.text("administration.agencies.memberRemoved", member));
        return "redirect:/admin/agencies/" + code;
    }

    private String listPage(PageForm form, List<PageProblems.Line> problems, Model model) {
        String language = language();
        Set<String> inactive = agencies.inactive();
        model.addAttribute("rows", agencies.all().stream()
                .map(a -> new Row(a, a.name(language), a.collective() ? agencies.members(a.code()).size() : 0,
                        !inactive.contains(a.code())))
                .sorted(Comparator.comparing(Row::name)).toList());
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("kinds", AgencyKind.values());
        return "administration/agencies";
    }

    private String editPage(Agency agency, PageForm form, List<PageProblems.Line> problems, Model model) {
        String language = language();
        List<String> members = agency.collective() ? agencies.members(agency.code()) : List.of();
        model.addAttribute("agency", agency);
        model.addAttribute("active", !agencies.inactive().contains(agency.code()));
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("kinds", Arrays.stream(AgencyKind.values())
                .filter(k -> (k == AgencyKind.COLLECTIVE) == agency.collective()).toList());
        model.addAttribute("members", agencies.findAll(members).stream()
                .map(a -> new Row(a, a.name(language), 0, true)).sorted(Comparator.comparing(Row::name)).toList());
        model.addAttribute("candidates", agency.collective() ? agencies.all().stream()
                .filter(a -> !a.collective() && !members.contains(a.code()))
                .map(a -> new Row(a, a.name(language), 0, true)).sorted(Comparator.comparing(Row::name)).toList()
                : List.of());
        return "administration/agency";
    }

    /** A change with its audit record, together or not at all; a refusal comes out as it was thrown. */
    private void inTransaction(Runnable work) {
        transaction.executeWithoutResult(status -> work.run());
    }

    private static String language() {
        return Messages.supported(LocaleContextHolder.getLocale()).getLanguage();
    }
}
