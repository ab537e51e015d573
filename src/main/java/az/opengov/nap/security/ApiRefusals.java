package az.opengov.nap.security;

import az.opengov.nap.shared.web.ProblemAnswers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * The API's refusals at its door, as every other API error: a problem document in the client's language. No or wrong
 * credentials: {@code 401} with the HTTP Basic challenge (too many failed attempts: the wait in {@code Retry-After});
 * signed in without the right: {@code 403}. Spring Security's own answers were English error pages.
 */
@Component
class ApiRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The HTTP Basic challenge, as Spring Security's own entry point sends it. */
    static final String CHALLENGE = "Basic realm=\"Realm\"";

    private final ProblemAnswers answers;

    ApiRefusals(ProblemAnswers answers) {
        this.answers = answers;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        if (e instanceof ThrottledAuthenticationProvider.TooManyAttempts tooMany) {
            response.setHeader("Retry-After", String.valueOf(tooMany.retryAfter.toSeconds()));
            answers.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "error.login.throttled");
        } else {
            answers.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "error.unauthorized");
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        answers.write(request, response, HttpServletResponse.SC_FORBIDDEN, "error.forbidden");
    }
}
