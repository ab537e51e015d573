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

    SecurityAuditListener(AuditService audit) {
        this.audit = audit;
    }

    @EventListener
    void loggedIn(AuthenticationSuccessEvent event) {
        audit.security(event.getAuthentication().getName(), "LOGIN", AuditEvent.SUCCESS, null);
    }

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        audit.security(String.valueOf(event.getAuthentication().getName()), "LOGIN_FAILED", AuditEvent.FAILURE,
                event.getException().getClass().getSimpleName());
    }

    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        Authentication who = event.getAuthentication().get();
        String actor = who == null || !who.isAuthenticated() || "anonymousUser".equals(who.getName()) ? null
                : who.getName();
        audit.security(actor, "ACCESS_DENIED", AuditEvent.DENIED, requestLine());
    }

    private static String requestLine() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            var request = attributes.getRequest();
            return request.getMethod() + " " + request.getRequestURI();
        }
        return null;
    }
}
