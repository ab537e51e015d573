package az.opengov.nap.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The details of a sign-in with HTTP Basic (the JSON API, the engine's REST API, the actuator), which a client repeats
 * on every request, unlike a sign-in through the login page: the audit trail records these once an hour.
 */
public final class BasicSignIn extends WebAuthenticationDetails {

    /** For {@code httpBasic(b -> b.authenticationDetailsSource(BasicSignIn.SOURCE))}. */
    static final AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> SOURCE = BasicSignIn::new;

    BasicSignIn(HttpServletRequest request) {
        super(request);
    }
}
