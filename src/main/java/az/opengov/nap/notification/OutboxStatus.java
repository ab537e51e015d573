package az.opengov.nap.notification;

/** Where a queued mail stands. */
public enum OutboxStatus {
    /** Waiting for its next attempt ({@code next_attempt_at}). */
    PENDING,
    /** Claimed by a node until its lease ends; an expired lease is claimed again. */
    SENDING,
    /** Accepted by the SMTP server. */
    SENT,
    /** Every attempt failed; an administrator may retry it. */
    FAILED,
    /** The address is malformed or unsafe: never sent. */
    REJECTED
}
