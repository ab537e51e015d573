package az.opengov.nap.portal;

import az.opengov.nap.notification.NotificationService;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The portal's mails, through the notification outbox (delivered, retried and deduplicated there). */
@Component
class OutboxFollowMailer implements FollowMailer {

    private final NotificationService notifications;

    OutboxFollowMailer(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void enqueue(String occasion, String recipient, Locale locale, String subject, String body,
                        String listUnsubscribe) {
        notifications.enqueueWritten(occasion, recipient, locale, subject, body, listUnsubscribe);
    }
}
