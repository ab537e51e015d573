package az.opengov.nap.security;

import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.TransactionCache;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators manage the users: their agency (group), whether they review for the commission or administer the
 * plan, whether they may sign in at all. Every change is audited and takes effect at the user's next request.
 */
@Service
public class UserAdminService {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** What an administrator may set on a user. */
    public record UserChange(String displayName, String email, String locale, String agencyCode, boolean reviewer,
                             boolean admin, boolean enabled) {
    }

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final AgencyService agencies;
    private final AuditService audit;

    UserAdminService(JdbcClient jdbc, UserDirectory users, PasswordEncoder passwords, PasswordPolicy policy,
                     AgencyService agencies, AuditService audit) {
        this.jdbc = jdbc;
        this.users = users;
        this.passwords = passwords;
        this.policy = policy;
        this.agencies = agencies;
        this.audit = audit;
    }

    public List<AppUser> list() {
        return jdbc.sql("select username from app_user order by username").query(String.class).list().stream()
                .map(u -> users.find(u).orElseThrow()).toList();
    }

    @Transactional
    public AppUser create(String username, UserChange change, String password, String actor) {
        List<FieldProblem> problems = new ArrayList<>(check(change));
        if (username == null || !USERNAME.matcher(username).matches()) {
            problems.add(FieldProblem.of("username", "user.badUsername"));
        } else if (users.exists(username)) {
            problems.add(FieldProblem.of("username", "user.exists", username));
        }
        problems.addAll(policy.problems(username, password));
        if (!problems.isEmpty()) {
            throw NapException.invalid(problems);
        }
        users.create(new AppUser(username, change.displayName(), change.email(), locale(change), change.agencyCode(),
                change.reviewer(), change.admin(), change.enabled()), password);
        jdbc.sql("update app_user set password_changed_at = ? where username = ?")
                .params(Timestamp.from(Instant.now()), username).update();
        RequestUsers.forget();
        audit.change(actor, "USER_CREATED", "user", username, describe(change));
        return users.find(username).orElseThrow();
    }

    @Transactional
    public AppUser update(String username, UserChange change, String actor) {
        AppUser before = users.find(username).orElseThrow(() -> NapException.notFound("user", username));
        List<FieldProblem> problems = check(change);
        if (!problems.isEmpty()) {
            throw NapException.invalid(problems);
        }
        if (username.equals(actor) && before.admin() && (!change.admin() || !change.enabled())) {
            // the last word on administrators is another administrator's
            throw NapException.conflict("user.cannotDemoteSelf");
        }
        jdbc.sql("""
                update app_user set display_name = ?, email = ?, locale = ?, agency_code = ?, reviewer = ?, admin = ?,
                    enabled = ? where username = ?""")
                .params(change.displayName(), blankToNull(change.email()), locale(change),
                        blankToNull(change.agencyCode()), change.reviewer(), change.admin(), change.enabled(), username)
                .update();
        TransactionCache.clear(); // the rest of this transaction mails the user's new address, or none
        RequestUsers.forget();
        audit.change(actor, "USER_CHANGED", "user", username, "before: " + before + "; after: " + describe(change));
        return users.find(username).orElseThrow();
    }

    @Transactional
    public void setPassword(String username, String password, String actor) {
        users.find(username).orElseThrow(() -> NapException.notFound("user", username));
        policy.check(username, password);
        jdbc.sql("update app_user set password_hash = ?, password_changed_at = ? where username = ?")
                .params(passwords.encode(password), Timestamp.from(Instant.now()), username).update();
        RequestUsers.forget();
        audit.change(actor, "USER_PASSWORD_SET", "user", username, null);
    }

    private List<FieldProblem> check(UserChange c) {
        List<FieldProblem> problems = new ArrayList<>();
        if (c.displayName() == null || c.displayName().isBlank() || c.displayName().length() > 200) {
            problems.add(FieldProblem.of("displayName", "validation.required"));
        }
        if (c.email() != null && !c.email().isBlank() && (!EMAIL.matcher(c.email()).matches()
                || c.email().length() > 320 || c.email().matches(".*[\\r\\n].*"))) {
            problems.add(FieldProblem.of("email", "user.badEmail"));
        }
        if (c.agencyCode() != null && !c.agencyCode().isBlank()) {
            var agency = agencies.find(c.agencyCode());
            if (agency.isEmpty() || agency.get().collective()) {
                problems.add(FieldProblem.of("agencyCode", "user.badAgency", c.agencyCode()));
            }
        }
        if (c.locale() != null && !List.of("az", "en", "ru").contains(c.locale())) {
            problems.add(FieldProblem.of("locale", "validation.notAllowed", c.locale()));
        }
        return problems;
    }

    private static String locale(UserChange c) {
        return c.locale() == null ? "az" : c.locale();
    }

    private static String describe(UserChange c) {
        return "agency=" + c.agencyCode() + ", reviewer=" + c.reviewer() + ", admin=" + c.admin() + ", enabled="
                + c.enabled();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
