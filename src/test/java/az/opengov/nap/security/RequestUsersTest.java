package az.opengov.nap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class RequestUsersTest {

    final AtomicInteger reads = new AtomicInteger();
    final UserDirectory.UserRow mcht = new UserDirectory.UserRow(
            new AppUser("mcht", "MCHT", null, "az", "MCHT", false, false, true), "{argon2}hash");

    Optional<UserDirectory.UserRow> read() {
        reads.incrementAndGet();
        return Optional.of(mcht);
    }

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void oneRequestReadsAUserOnceUntilAUserIsWritten() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        assertThat(RequestUsers.get("mcht", this::read)).contains(mcht);
        assertThat(RequestUsers.get("mcht", this::read)).contains(mcht);
        assertThat(reads).hasValue(1);
        // an unknown user is remembered as unknown, for this request only
        assertThat(RequestUsers.get("nobody", Optional::empty)).isEmpty();
        assertThat(RequestUsers.get("nobody", this::read)).isEmpty();
        assertThat(reads).hasValue(1);

        RequestUsers.forget();
        assertThat(RequestUsers.get("mcht", this::read)).contains(mcht);
        assertThat(reads).hasValue(2);

        // the next request reads afresh
        ServletRequestAttributes first = (ServletRequestAttributes) RequestContextHolder.getRequestAttributes();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        RequestUsers.get("mcht", this::read);
        assertThat(reads).hasValue(3);

        // a write in another request: the first request reads afresh too
        RequestUsers.forget();
        RequestContextHolder.setRequestAttributes(first);
        RequestUsers.get("mcht", this::read);
        assertThat(reads).hasValue(4);
    }

    @Test
    void outsideARequestEveryReadGoesToTheStore() {
        RequestUsers.get("mcht", this::read);
        RequestUsers.get("mcht", this::read);
        assertThat(reads).hasValue(2);
        RequestUsers.forget();
    }
}
