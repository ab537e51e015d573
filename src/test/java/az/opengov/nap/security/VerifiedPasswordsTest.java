package az.opengov.nap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedPasswordsTest {

    /** A stand-in for Argon2 that counts its (slow) checks: "{plain}secret" matches "secret". */
    static final class CountingEncoder implements PasswordEncoder {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return "{plain}" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return encoded.equals("{plain}" + raw);
        }
    }

    final CountingEncoder slow = new CountingEncoder();
    final VerifiedPasswords passwords = new VerifiedPasswords(slow, Duration.ofMinutes(10), 100);

    @Test
    void aPasswordThatMatchedIsNotHashedAgain() {
        assertThat(passwords.matches("secret", "{plain}secret")).isTrue();
        assertThat(passwords.matches("secret", "{plain}secret")).isTrue();
        assertThat(passwords.matches("secret", "{plain}secret")).isTrue();
        assertThat(slow.checks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverRemembered() {
        assertThat(passwords.matches("guess", "{plain}secret")).isFalse();
        assertThat(passwords.matches("guess", "{plain}secret")).isFalse();
        assertThat(slow.checks).hasValue(2);
        assertThat(passwords.matches("secret", "{plain}secret")).isTrue();
        assertThat(passwords.matches("guess", "{plain}secret")).isFalse();
        assertThat(slow.checks).hasValue(4);
    }

    @Test
    void aChangedPasswordMissesTheOldEntry() {
        assertThat(passwords.matches("secret", "{plain}secret")).isTrue();
        // the password was changed: the stored hash is another one, the old password no longer matches it
        assertThat(passwords.matches("secret", "{plain}new-secret")).isFalse();
        assertThat(passwords.matches("new-secret", "{plain}new-secret")).isTrue();
        assertThat(slow.checks).hasValue(3);
    }

    @Test
    void rememberedSuccessesExpire() throws InterruptedException {
        VerifiedPasswords brief = new VerifiedPasswords(slow, Duration.ofMillis(50), 100);
        assertThat(brief.matches("secret", "{plain}secret")).isTrue();
        Thread.sleep(120);
        assertThat(brief.matches("secret", "{plain}secret")).isTrue();
        assertThat(slow.checks).hasValue(2);
    }

    @Test
    void encodingIsTheDelegates() {
        assertThat(passwords.encode("x")).isEqualTo("{plain}x");
        assertThat(passwords.upgradeEncoding("{plain}x")).isFalse();
    }
}
