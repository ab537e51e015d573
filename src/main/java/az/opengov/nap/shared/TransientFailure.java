package az.opengov.nap.shared;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * Failures that are nobody's fault and pass by themselves, told apart from bugs: a lost race (someone else completed
 * the task, an optimistic lock, a lock wait or serialization failure, a unique key taken a moment earlier) is a
 * {@code 409 Conflict}; the database out of reach (connection refused or broken, no connection from the pool in
 * time, the server shutting down) is a {@code 503 Service Unavailable} to retry after {@link #RETRY_AFTER_SECONDS}.
 * Everything else is not transient and stays an unexpected error.
 */
public final class TransientFailure {

    /** What a client is told to wait before retrying when the database is away. */
    public static final int RETRY_AFTER_SECONDS = 10;

    public static final String CONFLICT_KEY = "error.concurrentChange";
    public static final String UNAVAILABLE_KEY = "error.unavailable";

    private TransientFailure() {
    }

    /** The answer for a transient failure somewhere in the cause chain, or empty when it is not one. */
    public static Optional<NapException> of(Throwable failure) {
        if (unavailable(failure)) {
            return Optional.of(new NapException(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE_KEY));
        }
        if (conflict(failure)) {
            return Optional.of(NapException.conflict(CONFLICT_KEY));
        }
        return Optional.empty();
    }

    /** The database cannot be reached or is going away. */
    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            // a rollback that failed on the broken connection hides the failure that caused it
            if (t instanceof org.springframework.transaction.TransactionSystemException tse
                    && tse.getApplicationException() != null && unavailable(tse.getApplicationException())) {
                return true;
            }
            if (t instanceof SQLException sql && "Connection is closed".equals(sql.getMessage())) {
                return true; // the pool's answer for a connection the server dropped
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-57P03: admin/crash shutdown, cannot connect now
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Someone else changed the same thing first. */
    public static boolean conflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.camunda.bpm.engine.OptimisticLockingException
                    || t instanceof org.camunda.bpm.engine.exception.NullValueException
                    || t instanceof org.camunda.bpm.engine.exception.NotFoundException
                    || t instanceof org.springframework.dao.OptimisticLockingFailureException
                    || t instanceof org.springframework.dao.PessimisticLockingFailureException
                    || t instanceof org.springframework.dao.DuplicateKeyException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 23505 unique violation (a row inserted by the winner), 40001 serialization failure, 40P01
                // deadlock, 55P03 lock not available; HYT00 is H2's lock timeout
                if (state.equals("23505") || state.equals("40001") || state.equals("40P01")
                        || state.equals("55P03") || state.equals("HYT00")) {
                    return true;
                }
            }
        }
        return false;
    }
}
