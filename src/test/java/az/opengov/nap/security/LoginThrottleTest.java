package az.opengov.nap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Guessing slows down; nobody is locked out for good, and nobody elsewhere can lock a member out. */
class LoginThrottleTest {

    static class Ticking extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void fiveFreeAttemptsThenGrowingWaitsThatEndByThemselves() {
        Ticking clock = new Ticking();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.waitFor("reviewer", "10.0.0.9")).isZero();
            throttle.failed("reviewer", "10.0.0.9");
        }
        assertThat(throttle.waitFor("reviewer", "10.0.0.9")).isEqualTo(Duration.ofMinutes(1));
        throttle.failed("reviewer", "10.0.0.9");
        assertThat(throttle.waitFor("reviewer", "10.0.0.9")).isEqualTo(Duration.ofMinutes(2));
        for (int i = 0; i < 20; i++) {
            throttle.failed("reviewer", "10.0.0.9");
        }
        assertThat(throttle.waitFor("reviewer", "10.0.0.9")).isEqualTo(Duration.ofMinutes(15));
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertThat(throttle.waitFor("reviewer", "10.0.0.9")).isZero();
    }

    @Test
    void anAttackerElsewhereDoesNotBlockTheMemberAtTheirDesk() {
        LoginThrottle throttle = new LoginThrottle(new Ticking());
        for (int i = 0; i < 30; i++) {
            throttle.failed("reviewer", "203.0.113.5");
        }
        assertThat(throttle.waitFor("reviewer", "203.0.113.5")).isPositive();
        assertThat(throttle.waitFor("reviewer", "10.1.1.1")).isZero();
        assertThat(throttle.waitFor("REVIEWER", "203.0.113.5")).isPositive();
    }

    @Test
    void aSuccessClearsTheCountAndAnAddressTryingManyNamesIsHeldBack() {
        LoginThrottle throttle = new LoginThrottle(new Ticking());
        for (int i = 0; i < 4; i++) {
            throttle.failed("mcht", "10.0.0.1");
        }
        throttle.succeeded("mcht", "10.0.0.1");
        throttle.failed("mcht", "10.0.0.1");
        assertThat(throttle.waitFor("mcht", "10.0.0.1")).isZero();

        for (int i = 0; i < 60; i++) {
            throttle.failed("user" + i, "198.51.100.7");
        }
        assertThat(throttle.waitFor("someone-new", "198.51.100.7")).isPositive();
    }
}
