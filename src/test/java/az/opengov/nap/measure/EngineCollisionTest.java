package az.opengov.nap.measure;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.shared.NapException;
import java.sql.SQLException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.UncategorizedSQLException;

/** Which failures of a person's step are a collision with the engine's own work, and so worth one more attempt. */
class EngineCollisionTest {

    @Test
    void optimisticLockingAndDeadlocksAreCollisionsWhereverTheyAreWrapped() {
        assertThat(MeasureExecutionService.collidedWithEngine(new OptimisticLockingException("updated by another")))
                .isTrue();
        assertThat(MeasureExecutionService.collidedWithEngine(
                new RuntimeException(new OptimisticLockingException("wrapped")))).isTrue();
        assertThat(MeasureExecutionService.collidedWithEngine(new UncategorizedSQLException("commit", "commit",
                new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(MeasureExecutionService.collidedWithEngine(new UncategorizedSQLException("commit", "commit",
                new SQLException("could not serialize access", "40001")))).isTrue();
    }

    @Test
    void someoneElseHavingActedFirstIsNotRetried() {
        assertThat(MeasureExecutionService.collidedWithEngine(NapException.conflict("error.task.closed"))).isFalse();
        assertThat(MeasureExecutionService.collidedWithEngine(new NullValueException("task gone"))).isFalse();
        assertThat(MeasureExecutionService.collidedWithEngine(new DuplicateKeyException("one decision per report")))
                .isFalse();
        assertThat(MeasureExecutionService.collidedWithEngine(new IllegalStateException("a bug"))).isFalse();
    }
}
