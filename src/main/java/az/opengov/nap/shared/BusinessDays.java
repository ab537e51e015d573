package az.opengov.nap.shared;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Working days, Monday to Friday (public holidays are not known to the system and count as working days). How late
 * a report is counts in these: a report due on a Friday and still missing on Monday is one working day late.
 */
public final class BusinessDays {

    private BusinessDays() {
    }

    /** The working days after {@code from} up to and including {@code to}; 0 when {@code to} is not after it. */
    public static long between(LocalDate from, LocalDate to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        long days = ChronoUnit.DAYS.between(from, to);
        long weeks = days / 7;
        long count = weeks * 5;
        for (LocalDate d = from.plusDays(weeks * 7 + 1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    public static boolean isWorkingDay(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
