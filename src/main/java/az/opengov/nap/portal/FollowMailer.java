package az.opengov.nap.portal;

import java.util.Locale;

/**
 * Where the portal's mails go: the notification feature's outbox, in the caller's transaction, once per
 * ({@code occasion}, recipient). {@code listUnsubscribe} is the one-click address (RFC 8058): the mail carries it as
 * {@code List-Unsubscribe: <url>} with {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}.
 */
interface FollowMailer {

    void enqueue(String occasion, String recipient, Locale locale, String subject, String body,
                 String listUnsubscribe);
}
