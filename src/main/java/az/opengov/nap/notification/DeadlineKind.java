package az.opengov.nap.notification;

public enum DeadlineKind {
    /** Before the due date. Executors and invited bodies. */
    REMINDER,
    /** At the due date and every few days after. Executors only. */
    ESCALATION
}
