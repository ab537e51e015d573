package az.opengov.nap.reporting;

import java.util.HashMap;
import java.util.Map;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The versions submitted in the current transaction before their task was completed, by measure, cycle and agency:
 * what the task's completion in the same transaction accepts without reading and checking the report again. Gone
 * when the transaction ends, committed or not.
 */
final class SubmittedInTransaction {

    private static final Object KEY = SubmittedInTransaction.class;

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

    @SuppressWarnings("unchecked")
    private static Map<String, Long> versions(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            if (create) {
                throw new IllegalStateException("a submission before its task needs a transaction");
            }
            return null;
        }
        Map<String, Long> versions = (Map<String, Long>) TransactionSynchronizationManager.getResource(KEY);
        if (versions == null && create) {
            Map<String, Long> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(KEY, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
            versions = fresh;
        }
        return versions;
    }

    private static String key(long measureId, int cycle, String agencyCode) {
        return measureId + "|" + cycle + "|" + agencyCode;
    }
}
