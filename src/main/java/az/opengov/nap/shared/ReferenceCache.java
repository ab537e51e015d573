package az.opengov.nap.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reference data that every report's step reads and that changes seldom, kept between transactions for a short
 * while ({@code nap.reference-cache.ttl}, 60 s; {@code 0s} keeps nothing): what the mail to the reviewers says when a
 * report is submitted (the measure's title, the cycle's period, the agency's name) and who the reviewers are, four
 * statements of every submit otherwise. Within a transaction it reads as {@link TransactionCache} does.
 *
 * <p>A service that writes what may be kept calls {@link TransactionCache#clear()} after the write, as it already
 * does for the transaction's own reads: that empties this cache at once and again when the writing transaction ends,
 * and for the rest of that transaction nothing is taken from or put into it, so nothing uncommitted is kept. A write
 * on another node of a cluster reaches this node's cache within the time to live: a mail queued in that while may
 * still name the old title or address a reviewer just removed (who can no longer sign in to follow its link).
 */
@Component
public class ReferenceCache implements DisposableBean {

    /** Every application context's cache in this JVM, each emptied by a write in any of them. */
    private static final Set<ReferenceCache> LIVE = ConcurrentHashMap.newKeySet();
    private static final String WROTE = "wrote";

    private final Cache<List<Object>, Object> values;

    ReferenceCache(@Value("${nap.reference-cache.ttl:60s}") Duration ttl) {
        values = ttl.isZero() || ttl.isNegative() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
        LIVE.add(this);
    }

    /**
     * The value of {@code kind} and {@code id}: kept from an earlier transaction if still fresh, else read (once in
     * this transaction) and kept; read afresh in a transaction that has written reference data.
     *
     * @param load reads the value (never null)
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String kind, Object id, Supplier<T> load) {
        Map<String, Boolean> transaction = TransactionCache.map(ReferenceCache.class);
        if (values == null || transaction != null && transaction.containsKey(WROTE)) {
            return TransactionCache.get(kind, id, load);
        }
        return (T) values.get(List.of(kind, id), key -> TransactionCache.get(kind, id, load));
    }

    /** After a write to what may be kept: empties every cache; the transaction (if any) reads afresh from now on. */
    static void changed() {
        Map<String, Boolean> transaction = TransactionCache.map(ReferenceCache.class);
        if (transaction != null && transaction.put(WROTE, true) == null) {
            // what another transaction read and kept before this one committed is stale then
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    LIVE.forEach(ReferenceCache::invalidate);
                }
            });
        }
        LIVE.forEach(ReferenceCache::invalidate);
    }

    private void invalidate() {
        if (values != null) {
            values.invalidateAll();
        }
    }

    @Override
    public void destroy() {
        LIVE.remove(this);
    }
}
