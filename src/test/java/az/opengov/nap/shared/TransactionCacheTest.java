package az.opengov.nap.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A value read once per transaction: not across transactions, not into a transaction that suspends this one. */
class TransactionCacheTest {

    final DataSourceTransactionManager manager = new DataSourceTransactionManager(
            new DriverManagerDataSource("jdbc:h2:mem:transaction-cache;DB_CLOSE_DELAY=-1", "sa", ""));
    final TransactionTemplate transaction = new TransactionTemplate(manager);
    final AtomicInteger reads = new AtomicInteger();

    String read() {
        return TransactionCache.get("test", 7, () -> "value " + reads.incrementAndGet());
    }

    @Test
    void readOncePerTransactionAndAfreshAfterClear() {
        transaction.executeWithoutResult(status -> {
            assertThat(read()).isEqualTo("value 1");
            assertThat(read()).isEqualTo("value 1");
            assertThat(TransactionCache.get("test", 8, () -> "other")).isEqualTo("other");
            TransactionCache.clear();
            assertThat(read()).isEqualTo("value 2");
            assertThat(read()).isEqualTo("value 2");
        });
        transaction.executeWithoutResult(status -> assertThat(read()).isEqualTo("value 3"));
        assertThat(reads).hasValue(3);
    }

    @Test
    void rolledBackTransactionLeavesNothingBehind() {
        transaction.executeWithoutResult(status -> {
            read();
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> assertThat(read()).isEqualTo("value 2"));
    }

    @Test
    void aValueReadWithOthersIsKeptAsIfReadAloneAndGoesWithClear() {
        transaction.executeWithoutResult(status -> {
            assertThat(TransactionCache.contains("test", 7)).isFalse();
            TransactionCache.put("test", 7, "read with others");
            assertThat(TransactionCache.contains("test", 7)).isTrue();
            assertThat(read()).isEqualTo("read with others");
            TransactionCache.clear();
            assertThat(TransactionCache.contains("test", 7)).isFalse();
            assertThat(read()).isEqualTo("value 1");
        });
        TransactionCache.put("test", 7, "outside");
        assertThat(TransactionCache.contains("test", 7)).isFalse();
        assertThat(read()).isEqualTo("value 2");
    }

    @Test
    void outsideATransactionEveryCallReads() {
        assertThat(read()).isEqualTo("value 1");
        assertThat(read()).isEqualTo("value 2");
    }

    @Test
    void aNewTransactionInsideReadsForItselfAndTheOuterKeepsItsValue() {
        TransactionTemplate inner = new TransactionTemplate(manager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        transaction.executeWithoutResult(status -> {
            assertThat(read()).isEqualTo("value 1");
            inner.executeWithoutResult(s -> {
                assertThat(read()).isEqualTo("value 2");
                assertThat(read()).isEqualTo("value 2");
            });
            assertThat(read()).isEqualTo("value 1");
        });
    }

    @Test
    void anOwnersMapLivesAsLongAsItsTransactionAndOutlivesClear() {
        TransactionTemplate inner = new TransactionTemplate(manager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        assertThat(TransactionCache.<String, String>map(TransactionCacheTest.class)).isNull();
        transaction.executeWithoutResult(status -> {
            TransactionCache.<String, String>map(TransactionCacheTest.class).put("task", "locked here");
            TransactionCache.clear();
            assertThat(TransactionCache.<String, String>map(TransactionCacheTest.class)).containsEntry("task",
                    "locked here");
            inner.executeWithoutResult(s -> assertThat(TransactionCache.<String, String>map(TransactionCacheTest.class))
                    .isEmpty());
            assertThat(TransactionCache.<String, String>map(TransactionCacheTest.class)).hasSize(1);
        });
        transaction.executeWithoutResult(status ->
                assertThat(TransactionCache.<String, String>map(TransactionCacheTest.class)).isEmpty());
    }

    /**
     * A value first read once the transaction's completion has begun (a listener run after its commit) is bound to
     * the thread with no one left to unbind it: the next transaction on the thread must not take it for its own.
     */
    @Test
    void aValueReadAfterTheCommitIsNotTheNextTransactionsValue() {
        transaction.executeWithoutResult(status -> TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        assertThat(read()).isEqualTo("value 1");
                    }
                }));
        transaction.executeWithoutResult(status -> {
            assertThat(read()).isEqualTo("value 2");
            assertThat(TransactionCache.<String, String>map(TransactionCacheTest.class)).isEmpty();
        });
        assertThat(reads).hasValue(2);
    }
}
