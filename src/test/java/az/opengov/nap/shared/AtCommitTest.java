package az.opengov.nap.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows written together just before the transaction commits, in one statement: with it or not at all, seen by the
 * transaction's own statements after a flush, and at once outside a transaction or after the batches were written.
 */
class AtCommitTest {

    final DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:at-commit;DB_CLOSE_DELAY=-1", "sa", "");
    final DataSourceTransactionManager manager = new DataSourceTransactionManager(db);
    final TransactionTemplate transaction = new TransactionTemplate(manager);
    final JdbcClient jdbc = JdbcClient.create(db);
    int statements;
    /** Writes a batch in one statement, and counts the statements. */
    final Consumer<List<String>> write = rows -> {
        statements++;
        jdbc.sql("insert into row_added (name) values " + String.join(", ", rows.stream().map(r -> "(?)").toList()))
                .params(List.copyOf(rows)).update();
    };

    @BeforeEach
    void table() {
        jdbc.sql("create table if not exists row_added (name varchar(20) primary key)").update();
        jdbc.sql("delete from row_added").update();
    }

    List<String> rows() {
        return jdbc.sql("select name from row_added order by name").query(String.class).list();
    }

    void add(String row) {
        AtCommit.add(AtCommitTest.class, row, write);
    }

    @Test
    void writtenTogetherJustBeforeCommit() {
        transaction.executeWithoutResult(status -> {
            add("a");
            add("b");
            add("c");
            assertThat(rows()).isEmpty();
            assertThat(statements).isZero();
        });
        assertThat(rows()).containsExactly("a", "b", "c");
        assertThat(statements).isEqualTo(1);
    }

    @Test
    void rolledBackTransactionWritesNothing() {
        transaction.executeWithoutResult(status -> {
            add("a");
            status.setRollbackOnly();
        });
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            add("b");
            throw new IllegalStateException("the step failed");
        })).hasMessage("the step failed");
        assertThat(rows()).isEmpty();
        assertThat(statements).isZero();
        transaction.executeWithoutResult(status -> add("c"));
        assertThat(rows()).containsExactly("c");
    }

    @Test
    void aFailingBatchFailsTheCommitAndTheTransactionsOtherWrites() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("insert into row_added (name) values ('before')").update();
            add("twice");
            add("twice");
        })).isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        assertThat(rows()).isEmpty();
    }

    @Test
    void flushWritesWhatWasAddedForTheTransactionsOwnStatements() {
        transaction.executeWithoutResult(status -> {
            add("a");
            AtCommit.flush(AtCommitTest.class);
            assertThat(rows()).containsExactly("a");
            AtCommit.flush(AtCommitTest.class);
            add("b");
            AtCommit.flush(String.class);
            assertThat(rows()).containsExactly("a");
        });
        assertThat(rows()).containsExactly("a", "b");
        assertThat(statements).isEqualTo(2);
    }

    @Test
    void outsideATransactionEachRowIsWrittenAtOnce() {
        add("a");
        assertThat(rows()).containsExactly("a");
        AtCommit.flush(AtCommitTest.class);
        assertThat(statements).isEqualTo(1);
    }

    @Test
    void aRowAddedAfterTheBatchesWereWrittenIsWrittenAtOnce() {
        transaction.executeWithoutResult(status -> {
            add("a");
            // registered after the batches: runs its beforeCommit after theirs
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    add("late");
                }
            });
        });
        assertThat(rows()).containsExactly("a", "late");
    }

    @Test
    void aTransactionThatSuspendsThisOneHasBatchesOfItsOwn() {
        TransactionTemplate inner = new TransactionTemplate(manager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        transaction.executeWithoutResult(status -> {
            add("outer");
            inner.executeWithoutResult(s -> add("inner"));
            assertThat(jdbc.sql("select count(*) from row_added where name = 'inner'").query(Integer.class).single())
                    .isEqualTo(1);
            add("outer too");
        });
        assertThat(rows()).containsExactly("inner", "outer", "outer too");
        assertThat(statements).isEqualTo(2);
    }

    /** A listener run after the commit (none of ours adds rows there) writes its row at once, not into a batch. */
    @Test
    void aRowFirstAddedAfterTheCommitIsWrittenAndTheNextTransactionHasBatchesOfItsOwn() {
        transaction.executeWithoutResult(status -> TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        add("after commit");
                    }

                    @Override
                    public void afterCompletion(int status) {
                        add("after completion");
                    }
                }));
        assertThat(rows()).containsExactly("after commit", "after completion");
        transaction.executeWithoutResult(status -> {
            add("next");
            assertThat(rows()).doesNotContain("next");
        });
        assertThat(rows()).containsExactly("after commit", "after completion", "next");
    }
}
