package az.opengov.nap.security;

import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password sign-in: the user store's check (the same answer for an unknown user and a wrong password, with the same
 * work done for both), behind {@link LoginThrottle}.
 */
@Component
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    /** Too many failed attempts from this address for this user: try again later. */
    static class TooManyAttempts extends AuthenticationException {
        /** How long until the next attempt may succeed. */
        final Duration retryAfter;

        TooManyAttempts(Duration wait) {
            super("too many failed sign-in attempts; wait " + wait.toSeconds() + " s");
            this.retryAfter = wait;
        }
    }

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(UserDirectory users, PasswordEncoder encoder, LoginThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(users::loadUserByUsername);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Duration wait = throttle.waitFor(authentication.getName(),
                LoginThrottle.addressOf(authentication.getDetails()));
        if (!wait.isZero()) {
            throw new TooManyAttempts(wait);
        }
        try {
            return passwords.authenticate(authentication);
        } catch (org.springframework.security.authentication.InternalAuthenticationServiceException e) {
            // the database away is not a wrong password: no 401, no failed attempt counted; the outermost filter
            // answers 503 (see DatabaseUnavailableFilter)
            if (az.opengov.nap.shared.TransientFailure.unavailable(e)) {
                throw new org.springframework.dao.DataAccessResourceFailureException("database unavailable at sign-in",
                        e.getCause());
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
