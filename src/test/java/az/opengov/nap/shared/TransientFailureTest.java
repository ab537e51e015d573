package az.opengov.nap.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are a lost race (409), which the database away (503), and which a bug (none of them). */
class TransientFailureTest {

    @Test
    void lostRacesAreConflicts() {
        assertThat(status(new OptimisticLockingException("task was updated by another transaction"))).isEqualTo(409);
        assertThat(status(new ProcessEngineException("listener", new DuplicateKeyException("uq_review_report"))))
                .isEqualTo(409);
        assertThat(status(new RuntimeException(new SQLException("could not serialize", "40001")))).isEqualTo(409);
        assertThat(status(new RuntimeException(new SQLException("Timeout trying to lock table", "HYT00"))))
                .isEqualTo(409);
    }

    @Test
    void theDatabaseAwayIsUnavailable() {
        assertThat(status(new CannotGetJdbcConnectionException("pool",
                new SQLTransientConnectionException("Connection is not available, request timed out after 3000ms"))))
                .isEqualTo(503);
        // the engine wraps the driver's I/O error several times
        assertThat(status(new ProcessEngineException("persistence", new RuntimeException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))))).isEqualTo(503);
        assertThat(status(new RuntimeException(new SQLException("terminating connection", "57P01"))))
                .isEqualTo(503);
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        assertThat(status(rollback)).isEqualTo(503);
    }

    @Test
    void bugsAreNeither() {
        assertThat(TransientFailure.of(new IllegalStateException("a bug"))).isEmpty();
        assertThat(TransientFailure.of(new RuntimeException(new SQLException("syntax error", "42601")))).isEmpty();
        assertThat(TransientFailure.of(new NullPointerException())).isEmpty();
    }

    static int status(Throwable t) {
        return TransientFailure.of(t).map(NapException::status).map(HttpStatus::value).orElse(500);
    }
}
