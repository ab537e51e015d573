package az.opengov.nap.shared;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What one transaction reads again and again, read once: a value is loaded the first time the transaction asks for
 * it and kept until the transaction ends (commit or rollback), never seen by another transaction, nor by one that
 * runs while this one is suspended. Made for the job that opens a cycle: it starts up to 150 agencies' reports in one
 * transaction, and each asks for the same measure, cycle, calendar and participants. A service that writes what it
 * caches calls {@link #clear} after the write, so that the rest of the transaction reads afresh. Outside a
 * transaction nothing is kept.
 */
public final class TransactionCache {

    private static final Object RESOURCE = new Object();

    private TransactionCache() {
    }

    /**
     * The value of {@code kind} and {@code id} as this transaction first read it.
     *
     * @param load reads the value (never null); called once per transaction, or on every call outside one
     */
    @SuppressWarnings("unchecked")
    public static <T> T get(String kind, Object id, Supplier<T> load) {
        Map<List<Object>, Object> values = values();
        if (values == null) {
            return load.get();
        }
        List<Object> key = List.of(kind, id);
        Object value = values.get(key);
        if (value == null) {
            value = load.get();
            values.put(key, value);
        }
        return (T) value;
    }

    /** Whether this transaction has read the value of {@code kind} and {@code id} (false outside a transaction). */
    public static boolean contains(String kind, Object id) {
        Map<List<Object>, Object> values = values();
        return values != null && values.containsKey(List.of(kind, id));
    }

    /**
     * Keeps a value this transaction read along with others (several in one statement), as {@link #get} would have
     * kept it; nothing outside a transaction.
     */
    public static void put(String kind, Object id, Object value) {
        Map<List<Object>, Object> values = values();
        if (values != null) {
            values.put(List.of(kind, id), java.util.Objects.requireNonNull(value));
        }
    }

    /**
     * A map of {@code owner}'s own for the values this transaction keeps (by a key of the owner's choosing), with the
     * same life as the rest: null outside a transaction, gone when it ends. {@link #clear} leaves it alone: its owner
     * keeps it current.
     */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> map(Class<?> owner) {
        Map<List<Object>, Object> values = values();
        return values == null ? null
                : (Map<K, V>) values.computeIfAbsent(List.of("map", owner), key -> new HashMap<K, V>());
    }

    /**
     * Forgets what this transaction has read: after a write to what may be cached. Also empties the
     * {@link ReferenceCache}, now and when the transaction ends.
     */
    public static void clear() {
        ReferenceCache.changed();
        if (TransactionSynchronizationManager.getResource(RESOURCE) instanceof Map<?, ?> values) {
            values.keySet().removeIf(key -> !(key instanceof List<?> k && "map".equals(k.get(0))));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<List<Object>, Object> values() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Object bound = TransactionSynchronizationManager.getResource(RESOURCE);
        if (bound != null) {
            return (Map<List<Object>, Object>) bound;
        }
        Map<List<Object>, Object> values = new HashMap<>();
        TransactionSynchronizationManager.bindResource(RESOURCE, values);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(RESOURCE, values);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
            }
        });
        return values;
    }
}
