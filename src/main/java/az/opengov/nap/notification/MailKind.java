package az.opengov.nap.notification;

/** What a mail is about. Each has its texts under {@code mail.kind.<NAME>.*} in {@code i18n/mail*.properties}. */
public enum MailKind {
    /** A cycle opened: an executor is asked for its progress report. */
    TASK_OPENED,
    /** A cycle opened: a recommended body is invited to report. */
    INVITATION,
    /** The commission returned a report for revision, with its comment. */
    RETURNED,
    /** An administrator extended the due date of an open report (executors and invited bodies). */
    DUE_DATE_EXTENDED,
    /** The due date is near (executors). */
    REMINDER,
    /** The due date is near (invited bodies). */
    INVITED_REMINDER,
    /** The report is overdue: at due and every few days after (executors only). */
    ESCALATION,
    /** A submitted report waits for the commission's review. */
    REVIEW_WAITING,
    /** The report was approved and published. */
    PUBLISHED,
    /** The weekly digest of an agency: its open and overdue tasks. */
    DIGEST_AGENCY,
    /** The weekly digest of the commission: its review backlog. */
    DIGEST_COMMISSION,
    /** The weekly digest of the administrators: overdue work by agency. */
    DIGEST_ADMIN,
    /**
     * A mail of the public portal, written by it: the confirmation of a follow, a new publication on a followed
     * measure. It carries a one-click unsubscribe address (RFC 8058) in its link.
     */
    PORTAL;

    boolean digest() {
        return name().startsWith("DIGEST_");
    }

    /**
     * Whether mails of this kind waiting for the same address at the same moment leave as one, listing each (a
     * cycle's opening asks an agency for its report on sixty measures at once; their reminders fall due together).
     * Not a return (each carries a reviewer's comment to read on its own), a digest (one already) or a portal mail
     * (each has its own unsubscribe address).
     */
    boolean joins() {
        return switch (this) {
            case TASK_OPENED, INVITATION, REMINDER, INVITED_REMINDER, ESCALATION, REVIEW_WAITING, PUBLISHED -> true;
            case RETURNED, DUE_DATE_EXTENDED, DIGEST_AGENCY, DIGEST_COMMISSION, DIGEST_ADMIN, PORTAL -> false;
        };
    }

    /**
     * Whether a mail of this kind waits {@code nap.notification.gather-window} before it leaves, so that what follows
     * for the same address within that time leaves with it: the requests and invitations of a cycle's opening, which
     * the engine raises measure after measure (sixty for one agency over some seconds), become one mail rather than
     * one per measure. Such a mail also leaves early with a mail of its kind that falls due for the address.
     */
    boolean gathers() {
        return this == TASK_OPENED || this == INVITATION;
    }
}
