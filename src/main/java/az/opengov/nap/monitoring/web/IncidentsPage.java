package az.opengov.nap.monitoring.web;

import az.opengov.nap.monitoring.MonitoringService;
import az.opengov.nap.security.UserDirectory;
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

/** {@code /admin/incidents}: failed engine jobs and undeliverable mail, each with a retry; Cockpit for the rest. */
@Controller
@AdministrationPage
@RequestMapping("/admin/incidents")
class IncidentsPage {

    private final MonitoringService monitoring;
    private final UserDirectory users;

    IncidentsPage(MonitoringService monitoring, UserDirectory users) {
        this.monitoring = monitoring;
        this.users = users;
    }

    @GetMapping
    String list(@RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("incidents", monitoring.incidents(PageNumber.of(page)));
        return "admin/incidents";
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
