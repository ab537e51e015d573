package az.opengov.nap.notification.web;

import az.opengov.nap.notification.NotificationService;
import az.opengov.nap.notification.OutboxMessage;
import az.opengov.nap.notification.OutboxPage;
import az.opengov.nap.notification.OutboxStatus;
import az.opengov.nap.shared.PageNumber;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The mail outbox for administrators (ROLE_ADMIN, see SecurityConfig): what was queued, sent, failed; retry. */
@RestController
@RequestMapping("/api/admin/outbox")
class OutboxAdminController {

    private final NotificationService notifications;

    OutboxAdminController(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** Newest first; {@code status} filters (PENDING, SENDING, SENT, FAILED, REJECTED). */
    @GetMapping
    OutboxPage list(@RequestParam(required = false) OutboxStatus status,
                    @RequestParam(required = false) Integer page, @RequestParam(defaultValue = "50") int size) {
        return notifications.outbox(status, PageNumber.of(page), size);
    }

    /** One message with its plain text and HTML. */
    @GetMapping("/{id}")
    OutboxMessage get(@PathVariable long id) {
        return notifications.message(id);
    }

    /** Sends a FAILED message again (409 for any other status). */
    @PostMapping("/{id}/retry")
    OutboxMessage retry(@PathVariable long id) {
        return notifications.retry(id);
    }
}
