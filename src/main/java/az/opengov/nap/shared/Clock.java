package az.opengov.nap.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.LocalTime;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of the system: the engine's. Tests move it with {@code ClockUtil}, and timers, due dates and our
 * own timestamps then agree. Calendar dates of the plan are in Baku time.
 */
public final class Clock {

    public static final ZoneId BAKU = ZoneId.of("Asia/Baku");

    private Clock() {
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public static LocalDate today() {
        return LocalDate.ofInstant(now(), BAKU);
    }

    /** The moment a calendar date (Baku) ends: a report due on a date may be sent until this moment. */
    public static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(BAKU).toInstant().minusSeconds(1);
    }

    /** A date at a time of day in Baku. */
    public static Instant at(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, BAKU).toInstant();
    }
}
