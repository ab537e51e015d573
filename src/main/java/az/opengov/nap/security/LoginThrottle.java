package az.opengov.nap.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without letting anyone lock a member out for good. Failures are counted per
 * (user name, address): after {@value #FREE_ATTEMPTS} the next attempt from that address waits 1 minute, then 2, 4…
 * at most 15; a success clears the count. An address that fails on many names is held back as a whole. Someone
 * guessing from elsewhere therefore never blocks the real member at their own desk, and every block ends by itself.
 * Counts live in memory on each node (a restart forgets them), which is enough to make guessing slow.
 */
@Component
public class LoginThrottle {

    static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_BLOCK = Duration.ofMinutes(1);
    static final Duration LONGEST_BLOCK = Duration.ofMinutes(15);
    static final int ADDRESS_LIMIT = 50;

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> byUserAndAddress = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final java.time.Clock clock;

    public LoginThrottle() {
        this(java.time.Clock.systemUTC());
    }

    LoginThrottle(java.time.Clock clock) {
        this.clock = clock;
    }

    /** How long this user must wait before trying again from this address; zero when they may try now. */
    public Duration waitFor(String username, String address) {
        Instant now = clock.instant();
        Duration user = remaining(byUserAndAddress.get(key(username, address)), FREE_ATTEMPTS, now);
        Duration all = remaining(byAddress.get(address(address)), ADDRESS_LIMIT, now);
        return user.compareTo(all) >= 0 ? user : all;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        byUserAndAddress.merge(key(username, address), new Failures(1, now),
                (old, one) -> new Failures(old.count() + 1, now));
        byAddress.merge(address(address), new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
    }

    public void succeeded(String username, String address) {
        byUserAndAddress.remove(key(username, address));
    }

    @EventListener
    void on(AuthenticationFailureBadCredentialsEvent event) {
        failed(event.getAuthentication().getName(), addressOf(event.getAuthentication().getDetails()));
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        succeeded(event.getAuthentication().getName(), addressOf(event.getAuthentication().getDetails()));
    }

    static String addressOf(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
    }

    private static Duration remaining(Failures f, int free, Instant now) {
        if (f == null || f.count() < free) {
            return Duration.ZERO;
        }
        int over = Math.min(f.count() - free, 10);
        Duration block = FIRST_BLOCK.multipliedBy(1L << over);
        if (block.compareTo(LONGEST_BLOCK) > 0) {
            block = LONGEST_BLOCK;
        }
        Duration left = Duration.between(now, f.last().plus(block));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String key(String username, String address) {
        return (username == null ? "" : username.toLowerCase(Locale.ROOT)) + "|" + address(address);
    }

    private static String address(String address) {
        return address == null ? "unknown" : address;
    }
}
