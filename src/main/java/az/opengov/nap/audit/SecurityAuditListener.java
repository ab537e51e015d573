package az.opengov.nap.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Logins, failed logins and refused accesses, into the audit trail. */
@Component
class SecurityAuditListener {

    private final AuditService audit;
    /** API sign-ins recorded in the last hour, by user and address. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> apiSignIns =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofHours(1))
                    .maximumSize(10_000).build();

    SecurityAuditListener(AuditService audit) {
        this.audit = audit;
    }

    /**
     * A sign-in. An API client using HTTP Basic signs in with every request: its sign-in is recorded once an hour per
     * user and address (with "HTTP Basic" as the detail), not once per request; a sign-in through the login page or
     * single sign-on is recorded each time.
     */
    @EventListener
    void loggedIn(AuthenticationSuccessEvent event) {
        String user = event.getAuthentication().getName();
        if (event.getAuthentication().getDetails() instanceof az.opengov.nap.security.BasicSignIn basic) {
            if (apiSignIns.asMap().putIfAbsent(user + "\n" + basic.getRemoteAddress(), Boolean.TRUE) == null) {
                audit.security(user, "LOGIN", AuditEvent.SUCCESS, "HTTP Basic", basic.getRemoteAddress());
            }
            return;
        }
        audit.security(user, "LOGIN", AuditEvent.SUCCESS, null, address(event.getAuthentication()));
    }

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        audit.security(String.valueOf(event.getAuthentication().getName()), "LOGIN_FAILED", AuditEvent.FAILURE,
                event.getException().getClass().getSimpleName(), address(event.getAuthentication()));
    }

    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        Authentication who = event.getAuthentication().get();
        String actor = who == null || !who.isAuthenticated() || "anonymousUser".equals(who.getName()) ? null
                : who.getName();
        audit.security(actor, "ACCESS_DENIED", AuditEvent.DENIED, requestLine());
    }

    /** Where a sign-in came from (the filters that sign in run before the request context is set). */
    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof org.springframework.security.web.authentication
                .WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    private static String requestLine() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            var request = attributes.getRequest();
            return request.getMethod() + " " + request.getRequestURI();
        }
        return null;
    }
}
