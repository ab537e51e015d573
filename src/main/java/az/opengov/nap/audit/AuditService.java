package az.opengov.nap.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only audit trail. A state change is recorded in the transaction that makes it (rolled back with it); a
 * security event (a login, a failed login, a refused access) is recorded in a transaction of its own, because the
 * request that caused it does not commit anything.
 */
@Service
public class AuditService {

    public static final int MAX_PAGE = 500;

    private final JdbcClient jdbc;

    AuditService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a state change in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void change(String actor, String action, String targetType, Object targetId, String details) {
        insert(actor, action, targetType, targetId, AuditEvent.SUCCESS, details, remoteAddress());
    }

    /** Records a security event on its own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void security(String actor, String action, String outcome, String details) {
        security(actor, action, outcome, details, null);
    }

    /** Records a sign-in event on its own, from the address its authentication came from. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void security(String actor, String action, String outcome, String details, String remoteAddress) {
        insert(actor, action, null, null, outcome, details, remoteAddress == null ? remoteAddress() : remoteAddress);
    }

    /** Searches the trail, newest first. Every filter is optional. */
    public List<AuditEvent> search(String actor, String action, Instant from, Instant to, int page, int size) {
        StringBuilder sql = new StringBuilder("select * from audit_event where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (actor != null && !actor.isBlank()) {
            sql.append(" and actor = ?");
            params.add(actor);
        }
        if (action != null && !action.isBlank()) {
            sql.append(" and action = ?");
            params.add(action);
        }
        if (from != null) {
            sql.append(" and occurred_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and occurred_at < ?");
            params.add(Timestamp.from(to));
        }
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        sql.append(" order by occurred_at desc, id desc offset ? rows fetch next ? rows only");
        params.add(Math.max(0, page) * limit);
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("target_type"),
                        rs.getString("target_id"), rs.getString("outcome"), rs.getString("details"),
                        rs.getString("remote_address")))
                .list();
    }

    private void insert(String actor, String action, String targetType, Object targetId, String outcome,
                        String details, String remoteAddress) {
        jdbc.sql("""
                insert into audit_event (occurred_at, actor, action, target_type, target_id, outcome, details,
                    remote_address)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(Instant.now()), truncate(actor, 100), action, targetType,
                        targetId == null ? null : truncate(targetId.toString(), 200), outcome,
                        truncate(details, 4000), remoteAddress)
                .update();
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
