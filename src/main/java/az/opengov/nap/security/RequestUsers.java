package az.opengov.nap.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The user rows one HTTP request has read, read once. A signed-in request read its user twice: for the password
 * check of HTTP Basic (or, in a session, the refresh of the user's roles, {@link SessionUserRefreshFilter}) and again
 * for the controller's {@link UserDirectory#current}. Kept in the request's attributes, so they end with it; outside a
 * request (jobs, start-up) nothing is kept. Every write to a user, in any request or thread of this node, makes every
 * request read afresh: users change seldom, and a request may look at a user after another request (a test's nested
 * call) changed it.
 */
public final class RequestUsers {

    private static final String ATTRIBUTE = RequestUsers.class.getName();
    /** Counts the writes to users on this node: what a request read before the last one is read again. */
    private static final AtomicLong WRITES = new AtomicLong();

    /** The rows a request read, and how many writes there had been when it started reading. */
    private record Read(long writes, Map<String, Optional<UserDirectory.UserRow>> rows) {
    }

    private RequestUsers() {
    }

    /** The user's row as this request first read it (empty if there is no such user). */
    static Optional<UserDirectory.UserRow> get(String username, Supplier<Optional<UserDirectory.UserRow>> load) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return load.get();
        }
        long writes = WRITES.get();
        Read read = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Read r
                && r.writes() == writes ? r : null;
        if (read == null) {
            read = new Read(writes, new HashMap<>());
            request.setAttribute(ATTRIBUTE, read, RequestAttributes.SCOPE_REQUEST);
        }
        Optional<UserDirectory.UserRow> row = read.rows().get(username);
        if (row == null) {
            row = load.get();
            read.rows().put(username, row);
        }
        return row;
    }

    /** After a write to a user: every request reads users afresh. */
    public static void forget() {
        WRITES.incrementAndGet();
    }
}
