package az.opengov.nap.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password encoder with a memory of recent successful checks. An API client signs in with HTTP Basic on every
 * request, and each check is a deliberately slow Argon2 hash (tens of milliseconds, 19 MiB); a password that matched
 * its stored hash a moment ago matches it again. Only successes are remembered, for {@code ttl}, keyed by the stored
 * hash (a changed password or a new hash misses) and an HMAC of the password under a key this process draws at start
 * (the memory holds no password nor a plain digest of one). Disabled users are still refused: the user is loaded and
 * checked on every request; only the hash is skipped.
 */
final class VerifiedPasswords implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Cache<String, Boolean> verified;
    private final SecretKeySpec key;

    VerifiedPasswords(PasswordEncoder delegate, Duration ttl, long maximumSize) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String remembered = encodedPassword + '\0' + mac(rawPassword);
        if (verified.getIfPresent(remembered) != null) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            verified.put(remembered, Boolean.TRUE);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String mac(CharSequence rawPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return java.util.HexFormat.of().formatHex(
                    mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
