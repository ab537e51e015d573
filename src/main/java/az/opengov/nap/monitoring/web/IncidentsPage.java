package az.opengov.nap.monitoring.web;

import az.opengov.nap.measure.ModelMigration;
import az.opengov.nap.measure.process.MeasureExecution;
import az.opengov.nap.monitoring.MonitoringService;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.PageNumber;
import az.opengov.nap.shared.web.AdministrationPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/incidents}: failed engine jobs and undeliverable mail, each with a retry; measures on an older process
 * model, with the move onto the current one; Cockpit for the rest.
 */
@Controller
@AdministrationPage
@RequestMapping("/admin/incidents")
class IncidentsPage {

    private final MonitoringService monitoring;
    private final UserDirectory users;
    private final ModelMigration migration;
    private final Messages messages;

    IncidentsPage(MonitoringService monitoring, UserDirectory users, ModelMigration migration, Messages messages) {
        this.monitoring = monitoring;
        this.users = users;
        this.migration = migration;
        this.messages = messages;
    }

    @GetMapping
    String list(@RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("incidents", monitoring.incidents(PageNumber.of(page)));
        model.addAttribute("currentModel", MeasureExecution.MODEL_VERSION);
        model.addAttribute("olderModels", migration.versions().stream().filter(v -> !v.current() && v.running() > 0)
                .toList());
        return "admin/incidents";
    }

    /** Moves the measures of the older models that can move onto the current one, all or none. */
    @PostMapping("/process-model/migrate")
    String migrate(RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("migrated", migration.moveToCurrent(users.current()).stream()
                    .mapToLong(ModelMigration.Moved::measures).sum());
        } catch (NapException e) {
            redirect.addFlashAttribute("migrationError", messages.text(e.messageKey(), e.args()));
        }
        return "redirect:/admin/incidents";
    }

    @PostMapping("/jobs/{id}/retry")
    String retryJob(@PathVariable String id, RedirectAttributes redirect) {
        try {
            monitoring.retryJob(id, users.current());
            redirect.addFlashAttribute("notice", "incidents.job.retried");
        } catch (NapException e) {
            redirect.addFlashAttribute("notice", "incidents.retryRefused");
        }
        return "redirect:/admin/incidents";
    }

    @PostMapping("/mail/{id}/retry")
    String retryMail(@PathVariable long id, RedirectAttributes redirect) {
        try {
            monitoring.retryMail(id);
            redirect.addFlashAttribute("notice", "incidents.mail.retried");
        } catch (NapException e) {
            redirect.addFlashAttribute("notice", "incidents.retryRefused");
        }
        return "redirect:/admin/incidents";
    }
}
