package az.opengov.nap.security.web;

import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserAdminService;
import az.opengov.nap.security.UserAdminService.UserChange;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.web.AdministrationPage;
import az.opengov.nap.shared.web.PageProblems;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page {@code /admin/users}: users with their agency (the group whose tasks they see), the commission and
 * administrator roles and whether they may sign in; create a user, change one, disable one. Over
 * {@link UserAdminService}, which checks, audits and applies the password policy.
 */
@Controller
@AdministrationPage
@RequestMapping("/admin/users")
class UserAdminPage {

    private final UserAdminService admin;
    private final UserDirectory users;
    private final AgencyService agencies;
    private final Messages messages;

    UserAdminPage(UserAdminService admin, UserDirectory users, AgencyService agencies, Messages messages) {
        this.admin = admin;
        this.users = users;
        this.agencies = agencies;
        this.messages = messages;
    }

    /** A user as the forms send it; check boxes left out are false. */
    record UserForm(String username, String displayName, String email, String locale, String agencyCode,
                    Boolean reviewer, Boolean admin, Boolean enabled, String password) {

        static UserForm empty() {
            return new UserForm("", "", "", "az", "", false, false, true, "");
        }

        static UserForm of(AppUser u) {
            return new UserForm(u.username(), u.displayName(), u.email(), u.locale(), u.agencyCode(), u.reviewer(),
                    u.admin(), u.enabled(), "");
        }

        UserChange change() {
            return new UserChange(displayName, email, locale, agencyCode, Boolean.TRUE.equals(reviewer),
                    Boolean.TRUE.equals(admin), Boolean.TRUE.equals(enabled));
        }
    }

    record AgencyOption(String code, String name) {
    }

    @GetMapping
    String list(Model model) {
        return listPage(UserForm.empty(), List.of(), model);
    }

    @PostMapping
    String create(@ModelAttribute UserForm form, Model model, RedirectAttributes redirect) {
        try {
            admin.create(form.username() == null ? null : form.username().strip(), form.change(), form.password(),
                    users.current().username());
        } catch (NapException e) {
            return listPage(form, PageProblems.lines(e, messages), model);
        }
        redirect.addFlashAttribute("notice", messages.text("administration.users.created", form.username()));
        return "redirect:/admin/users";
    }

    @GetMapping("/{username}")
    String edit(@PathVariable String username, Model model) {
        AppUser user = users.find(username).orElseThrow(() -> NapException.notFound("user", username));
        return editPage(UserForm.of(user), List.of(), model);
    }

    @PostMapping("/{username}")
    String update(@PathVariable String username, @ModelAttribute UserForm form, Model model,
                  RedirectAttributes redirect) {
        UserForm withName = new UserForm(username, form.displayName(), form.email(), form.locale(), form.agencyCode(),
                form.reviewer(), form.admin(), form.enabled(), "");
        try {
            admin.update(username, withName.change(), users.current().username());
        } catch (NapException e) {
            return editPage(withName, PageProblems.lines(e, messages), model);
        }
        redirect.addFlashAttribute("notice", messages.text("administration.users.changed", username));
        return "redirect:/admin/users";
    }

    private String listPage(UserForm form, List<PageProblems.Line> problems, Model model) {
        model.addAttribute("users", admin.list());
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("agencies", options());
        return "administration/users";
    }

    private String editPage(UserForm form, List<PageProblems.Line> problems, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("agencies", options());
        return "administration/user";
    }

    private List<AgencyOption> options() {
        String language = Messages.supported(LocaleContextHolder.getLocale()).getLanguage();
        return agencies.all().stream().filter(a -> !a.collective())
                .map(a -> new AgencyOption(a.code(), a.name(language)))
                .sorted(Comparator.comparing(AgencyOption::name)).toList();
    }
}
