package az.opengov.nap.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows a transaction adds many of, written together just before it commits: a statement for a batch instead of one a
 * row. Made for the job that opens a cycle: it starts up to 150 agencies' reports in one transaction, and each adds a
 * work item and a queued request. The batch is written inside the transaction, so it commits or rolls back with the
 * rest, and a failure to write it fails the commit. Whoever reads or changes those rows in the same transaction calls
 * {@link #flush} first. Outside a transaction, and once the transaction has written its batches, a row is written at
 * once; one added after the commit (a listener run then) is written when the transaction completes. A transaction that
 * runs while this one is suspended has batches of its own.
 */
public final class AtCommit {

    private static final Object RESOURCE = new Object();

    private AtCommit() {
    }

    /**
     * Adds {@code row} to {@code owner}'s batch of this transaction.
     *
     * @param write writes rows of {@code owner} in the order they were added (a list of one outside a transaction)
     */
    @SuppressWarnings("unchecked")
    public static <T> void add(Object owner, T row, Consumer<List<T>> write) {
        Batches batches = batches();
        if (batches == null || batches.written) {
            write.accept(List.of(row));
            return;
        }
        Batch<T> batch = (Batch<T>) batches.byOwner.computeIfAbsent(owner, o -> new Batch<>(write));
        batch.rows.add(row);
    }

    /** Writes {@code owner}'s rows added so far in this transaction, before a statement that must see them. */
    public static void flush(Object owner) {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getResource(RESOURCE) instanceof Batches batches) {
            Batch<?> batch = batches.byOwner.get(owner);
            if (batch != null) {
                batch.write();
            }
        }
    }

    private static Batches batches() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        if (TransactionSynchronizationManager.getResource(RESOURCE) instanceof Batches bound) {
            if (TransactionSynchronizationManager.getSynchronizations().contains(bound)) {
                return bound;
            }
            // left by a transaction that bound it after its completion had begun (a step run in its afterCommit):
            // not this transaction's
            TransactionSynchronizationManager.unbindResource(RESOURCE);
        }
        Batches batches = new Batches();
        TransactionSynchronizationManager.bindResource(RESOURCE, batches);
        TransactionSynchronizationManager.registerSynchronization(batches);
        return batches;
    }

    private static final class Batches implements TransactionSynchronization {
        final Map<Object, Batch<?>> byOwner = new LinkedHashMap<>();
        boolean written;

        @Override
        public void beforeCommit(boolean readOnly) {
            byOwner.values().forEach(Batch::write);
            // whatever a later synchronization adds is written at once
            written = true;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(RESOURCE, this);
        }

        /**
         * Rows still here after a commit were added once it was under way (a listener run after the commit, where
         * this batch was first bound and its beforeCommit never comes): written now, as a plain write there would be.
         * Spring has ended the transaction's synchronization by now, so nothing can be added after them.
         */
        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
            if (status == STATUS_COMMITTED) {
                byOwner.values().forEach(Batch::write);
            }
        }
    }

    private static final class Batch<T> {
        final List<T> rows = new ArrayList<>();
        final Consumer<List<T>> write;

        Batch(Consumer<List<T>> write) {
            this.write = write;
        }

        void write() {
            if (!rows.isEmpty()) {
                List<T> taken = List.copyOf(rows);
                rows.clear();
                write.accept(taken);
            }
        }
    }
}
