package az.opengov.nap.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A recorded amendment of a measure: from when it applies, why, and each field it changed with the value before and
 * after. Who recorded it is kept in the audit trail and on the admin page, never here (this is shown to the public).
 */
public record Amendment(long id, long measureId, LocalDate effectiveDate, String reason, Instant amendedAt,
                        List<Change> changes) {

    public boolean changed(Field field) {
        return changes.stream().anyMatch(c -> c.field() == field);
    }

    /** The fields an amendment can change. */
    public enum Field {
        TITLE, INDICATORS, PERIOD, EXECUTORS, RECOMMENDED
    }

    /** One field changed; organisations are agency codes separated by {@code ;}. */
    public record Change(Field field, String before, String after) {
    }
}
