package az.opengov.nap.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Working days counted by hand on a 2026 calendar (15 July 2026 is a Wednesday). */
class BusinessDaysTest {

    static final LocalDate WEDNESDAY = LocalDate.of(2026, 7, 15);
    static final LocalDate FRIDAY = LocalDate.of(2026, 7, 17);

    @Test
    void notAfterTheDateIsNoDay() {
        assertThat(BusinessDays.between(WEDNESDAY, WEDNESDAY)).isZero();
        assertThat(BusinessDays.between(WEDNESDAY, WEDNESDAY.minusDays(3))).isZero();
    }

    @Test
    void weekdaysCountWeekendsDoNot() {
        assertThat(BusinessDays.between(WEDNESDAY, LocalDate.of(2026, 7, 16))).isEqualTo(1); // Thu
        assertThat(BusinessDays.between(WEDNESDAY, FRIDAY)).isEqualTo(2);                    // Thu, Fri
        assertThat(BusinessDays.between(WEDNESDAY, LocalDate.of(2026, 7, 19))).isEqualTo(2); // + Sat, Sun
        assertThat(BusinessDays.between(WEDNESDAY, LocalDate.of(2026, 7, 23))).isEqualTo(6); // a week on: 6
        assertThat(BusinessDays.between(FRIDAY, LocalDate.of(2026, 7, 18))).isZero();        // Saturday
        assertThat(BusinessDays.between(FRIDAY, LocalDate.of(2026, 7, 20))).isEqualTo(1);    // Monday
    }

    @Test
    void longSpansAgreeWithCountingDayByDay() {
        for (int start = 0; start < 7; start++) {
            LocalDate from = WEDNESDAY.plusDays(start);
            for (int span = 0; span < 120; span++) {
                LocalDate to = from.plusDays(span);
                long expected = from.datesUntil(to.plusDays(1)).filter(d -> d.isAfter(from))
                        .filter(BusinessDays::isWorkingDay).count();
                assertThat(BusinessDays.between(from, to)).as("%s..%s", from, to).isEqualTo(expected);
            }
        }
        // a year from Wednesday 15 July 2026: 52 weeks and a day (Thursday)
        assertThat(BusinessDays.between(WEDNESDAY, WEDNESDAY.plusYears(1))).isEqualTo(52 * 5 + 1);
    }
}
