package az.opengov.nap.notification;

import java.util.List;

/** One page of the outbox, newest first, with the number of messages matching the filter. */
public record OutboxPage(List<OutboxMessage> items, long total, int page, int size) {
}
