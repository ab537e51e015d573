package az.opengov.nap.audit;

import java.time.Instant;

/**
 * One entry of the audit trail: who did what to which thing, when (UTC), from where, and whether it was allowed.
 * Entries are only ever added.
 */
public record AuditEvent(long id, Instant occurredAt, String actor, String action, String targetType,
                         String targetId, String outcome, String details, String remoteAddress) {

    public static final String SUCCESS = "SUCCESS";
    public static final String FAILURE = "FAILURE";
    public static final String DENIED = "DENIED";
}
