package az.opengov.nap.reporting;

import az.opengov.nap.shared.TransactionCache;
import java.util.Map;

/**
 * The versions submitted in the current transaction before their task was completed, by measure, cycle and agency:
 * what the task's completion in the same transaction accepts without reading and checking the report again. Gone
 * when the transaction ends, committed or not, and not seen by a transaction that runs while it is suspended.
 */
final class SubmittedInTransaction {

    private SubmittedInTransaction() {
    }

    static void remember(long measureId, int cycle, String agencyCode, long reportId) {
        versions(true).put(key(measureId, cycle, agencyCode), reportId);
    }

    /** The version submitted before the task, once: a second completion in the transaction does not find it. */
    static Long take(long measureId, int cycle, String agencyCode) {
        Map<String, Long> versions = versions(false);
        return versions == null ? null : versions.remove(key(measureId, cycle, agencyCode));
    }

    static boolean contains(long measureId, int cycle, String agencyCode) {
        Map<String, Long> versions = versions(false);
        return versions != null && versions.containsKey(key(measureId, cycle, agencyCode));
    }

    /** This transaction's versions, kept by {@link TransactionCache}. */
    private static Map<String, Long> versions(boolean create) {
        Map<String, Long> versions = TransactionCache.map(SubmittedInTransaction.class);
        if (versions == null && create) {
            throw new IllegalStateException("a submission before its task needs a transaction");
        }
        return versions;
    }

    private static String key(long measureId, int cycle, String agencyCode) {
        return measureId + "|" + cycle + "|" + agencyCode;
    }
}
