package az.opengov.nap.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The user rows one HTTP request has read, read once. A signed-in request read its user twice: for the password
 * check of HTTP Basic (or, in a session, the refresh of the user's roles, {@link SessionUserRefreshFilter}) and again
 * for the controller's {@link UserDirectory#current}. Kept in the request's attributes, so they end with it; outside a
 * request (jobs, start-up) nothing is kept. Every write to a user forgets what the request read, so that the rest of
 * the request reads afresh.
 */
public final class RequestUsers {

    private static final String ATTRIBUTE = RequestUsers.class.getName();

    private RequestUsers() {
    }

    /** The user's row as this request first read it (empty if there is no such user). */
    @SuppressWarnings("unchecked")
    static Optional<UserDirectory.UserRow> get(String username, Supplier<Optional<UserDirectory.UserRow>> load) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return load.get();
        }
        var read = (Map<String, Optional<UserDirectory.UserRow>>) request.getAttribute(ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        if (read == null) {
            read = new HashMap<>();
            request.setAttribute(ATTRIBUTE, read, RequestAttributes.SCOPE_REQUEST);
        }
        Optional<UserDirectory.UserRow> row = read.get(username);
        if (row == null) {
            row = load.get();
            read.put(username, row);
        }
        return row;
    }

    /** After a write to a user: the rest of the request reads users afresh. */
    public static void forget() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
