package az.opengov.nap.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reference data kept between transactions until a write: emptied at the write and again when the writing
 * transaction ends, never filled by that transaction, in every context's cache; nothing kept with a zero time to live.
 */
class ReferenceCacheTest {

    final DataSourceTransactionManager manager = new DataSourceTransactionManager(
            new DriverManagerDataSource("jdbc:h2:mem:reference-cache;DB_CLOSE_DELAY=-1", "sa", ""));
    final TransactionTemplate transaction = new TransactionTemplate(manager);
    final TransactionTemplate anotherTransaction = new TransactionTemplate(manager);

    {
        anotherTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }
    final ReferenceCache cache = new ReferenceCache(Duration.ofMinutes(1));
    final ReferenceCache otherContext = new ReferenceCache(Duration.ofMinutes(1));
    final AtomicInteger reads = new AtomicInteger();

    @AfterEach
    void close() {
        cache.destroy();
        otherContext.destroy();
    }

    String read(ReferenceCache from) {
        return from.get("test", 7, () -> "value " + reads.incrementAndGet());
    }

    String inTransaction(ReferenceCache from) {
        return transaction.execute(status -> read(from));
    }

    @Test
    void keptBetweenTransactionsAndOutsideOne() {
        assertThat(inTransaction(cache)).isEqualTo("value 1");
        assertThat(inTransaction(cache)).isEqualTo("value 1");
        assertThat(read(cache)).isEqualTo("value 1");
        assertThat(cache.get("test", 8, () -> "another key")).isEqualTo("another key");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aWriteEmptiesItAndTheWritingTransactionNeitherTakesNorKeeps() {
        assertThat(inTransaction(cache)).isEqualTo("value 1");
        assertThat(inTransaction(otherContext)).as("each context keeps its own").isEqualTo("value 2");
        transaction.executeWithoutResult(status -> {
            assertThat(read(cache)).isEqualTo("value 1");
            TransactionCache.clear(); // what a service calls after writing an agency, a user, a measure
            assertThat(read(cache)).isEqualTo("value 3");
            assertThat(read(cache)).as("once per transaction, as TransactionCache").isEqualTo("value 3");
            // another transaction meanwhile reads what is committed and keeps it: stale once this one commits
            String other = anotherTransaction.execute(status2 -> read(cache));
            assertThat(other).isEqualTo("value 4");
            assertThat(read(cache)).isEqualTo("value 3");
        });
        assertThat(inTransaction(cache)).as("emptied again at the writer's end").isEqualTo("value 5");
        assertThat(inTransaction(cache)).isEqualTo("value 5");
        assertThat(inTransaction(otherContext)).as("every context's cache emptied").isEqualTo("value 6");
    }

    @Test
    void aRolledBackWriteEmptiesItToo() {
        inTransaction(cache);
        transaction.executeWithoutResult(status -> {
            TransactionCache.clear();
            status.setRollbackOnly();
        });
        assertThat(inTransaction(cache)).isEqualTo("value 2");
    }

    @Test
    void zeroTimeToLiveKeepsNothingBetweenTransactions() {
        ReferenceCache off = new ReferenceCache(Duration.ZERO);
        try {
            transaction.executeWithoutResult(status -> {
                assertThat(read(off)).isEqualTo("value 1");
                assertThat(read(off)).isEqualTo("value 1");
            });
            assertThat(inTransaction(off)).isEqualTo("value 2");
        } finally {
            off.destroy();
        }
    }
}
