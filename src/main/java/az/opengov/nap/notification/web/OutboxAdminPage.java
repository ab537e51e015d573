package az.opengov.nap.notification.web;

import az.opengov.nap.notification.NotificationService;
import az.opengov.nap.notification.OutboxMessage;
import az.opengov.nap.notification.OutboxPage;
import az.opengov.nap.notification.OutboxStatus;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.PageNumber;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The page {@code /admin/outbox}: every queued mail with its status, attempts and last error, and a retry button. */
@Controller
@RequestMapping("/admin/outbox")
class OutboxAdminPage {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(Clock.BAKU);
    static final int PAGE_SIZE = 50;

    private final NotificationService notifications;

    OutboxAdminPage(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    String list(@RequestParam(required = false) OutboxStatus status, @RequestParam(required = false) Integer page,
                Model model) {
        OutboxPage result = notifications.outbox(status, PageNumber.of(page), PAGE_SIZE);
        model.addAttribute("rows", result.items().stream().map(Row::of).toList());
        model.addAttribute("total", result.total());
        model.addAttribute("page", result.page());
        model.addAttribute("hasNext", (long) (result.page() + 1) * result.size() < result.total());
        model.addAttribute("status", status);
        model.addAttribute("statuses", Arrays.asList(OutboxStatus.values()));
        return "admin/outbox";
    }

    @GetMapping("/{id}")
    String one(@PathVariable long id, Model model) {
        OutboxMessage message = notifications.message(id);
        model.addAttribute("message", message);
        model.addAttribute("row", Row.of(message));
        return "admin/outbox-message";
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        try {
            notifications.retry(id);
            redirect.addFlashAttribute("notice", "outbox.retried");
        } catch (NapException e) {
            redirect.addFlashAttribute("notice", "outbox.retryRefused");
        }
        return "redirect:/admin/outbox";
    }

    /** A message as the page shows it: times in Baku. */
    record Row(long id, String kind, String status, String recipient, String locale, String subject, int attempts,
               String nextAttemptAt, String createdAt, String sentAt, String lastError, boolean retryable) {

        static Row of(OutboxMessage m) {
            return new Row(m.id(), m.kind().name(), m.status().name(), m.recipient(), m.locale(), m.subject(),
                    m.attempts(), time(m.status() == OutboxStatus.PENDING ? m.nextAttemptAt() : null),
                    time(m.createdAt()), time(m.sentAt()), m.lastError(), m.status() == OutboxStatus.FAILED);
        }

        private static String time(Instant i) {
            return i == null ? "" : TIME.format(i);
        }
    }
}
