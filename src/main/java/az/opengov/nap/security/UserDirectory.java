package az.opengov.nap.security;

import az.opengov.nap.shared.TransactionCache;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users and their groups, read fresh on every request so that a change takes effect at once. Not a
 * {@code UserDetailsService} bean: passwords are checked by {@link ThrottledAuthenticationProvider} alone, which reads
 * the user through {@link #loadUserByUsername}.
 */
@Service
public class UserDirectory {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    UserDirectory(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    public Optional<AppUser> find(String username) {
        return row(username).map(UserRow::user);
    }

    /** A user as stored, with the password's hash. */
    record UserRow(AppUser user, String hash) {
    }

    /** The user's row, read once per HTTP request ({@link RequestUsers}). */
    private Optional<UserRow> row(String username) {
        return RequestUsers.get(username, () -> jdbc.sql("select * from app_user where username = ?").param(username)
                .query((rs, n) -> new UserRow(user(rs), rs.getString("password_hash"))).optional());
    }

    private static AppUser user(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AppUser(rs.getString("username"), rs.getString("display_name"), rs.getString("email"),
                rs.getString("locale"), rs.getString("agency_code"), rs.getBoolean("reviewer"), rs.getBoolean("admin"),
                rs.getBoolean("enabled"));
    }

    public Optional<String> agencyOf(String username) {
        return find(username).map(AppUser::agencyCode);
    }

    private static final ThreadLocal<String> ACTING = new ThreadLocal<>();

    /** Ends {@link #actingAs}. */
    public interface Acting extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Names who acts in this thread while the engine runs a command for them (the facade's engine calls, which may
     * run outside a web request: background jobs, the demo loader, tests). Close it when the command is done.
     */
    public static Acting actingAs(String username) {
        String before = ACTING.get();
        ACTING.set(username);
        return () -> {
            if (before == null) {
                ACTING.remove();
            } else {
                ACTING.set(before);
            }
        };
    }

    /** Who acts: the user named by {@link #actingAs}, else the signed-in user of this thread's request, if any. */
    public Optional<String> currentUsername() {
        if (ACTING.get() != null) {
            return Optional.of(ACTING.get());
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName())) {
            return Optional.empty();
        }
        return Optional.ofNullable(auth.getName());
    }

    /** The signed-in user, looked up again so that a disabled or moved user loses access at once. */
    public AppUser current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new org.springframework.security.access.AccessDeniedException("not signed in");
        }
        return find(auth.getName()).filter(AppUser::enabled)
                .orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("unknown user"));
    }

    @Transactional
    public void create(AppUser user, String rawPassword) {
        createAll(List.of(user), rawPassword);
    }

    /**
     * Users who share one password, such as the demo logins whose password the README publishes: the password is
     * hashed once (a deliberately slow Argon2 hash, a fifth of a second on a cold start) and the hash stored for each.
     */
    @Transactional
    public void createAll(List<AppUser> created, String rawPassword) {
        if (created.isEmpty()) {
            return;
        }
        String hash = passwords.encode(rawPassword);
        for (AppUser user : created) {
            jdbc.sql("""
                    insert into app_user (username, password_hash, display_name, email, locale, agency_code, reviewer,
                        admin, enabled)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(user.username(), hash, user.displayName(), user.email(), user.locale(),
                            user.agencyCode(), user.reviewer(), user.admin(), user.enabled())
                    .update();
        }
        TransactionCache.clear();
        RequestUsers.forget();
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    /** Whether the user is their agency's coordinator, who may hand the agency's tasks to colleagues. */
    public boolean coordinator(String username) {
        return jdbc.sql("select coordinator from app_user where username = ? and enabled = true").param(username)
                .query(Boolean.class).optional().orElse(false);
    }

    @Transactional
    public void setCoordinator(String username, boolean coordinator) {
        jdbc.sql("update app_user set coordinator = ? where username = ?").params(coordinator, username).update();
        RequestUsers.forget();
    }

    /** The enabled users of an agency, by name. */
    public List<AppUser> colleagues(String agencyCode) {
        return jdbc.sql("select username from app_user where agency_code = ? and enabled = true order by display_name")
                .param(agencyCode).query(String.class).list().stream()
                .map(u -> find(u).orElseThrow()).toList();
    }

    /** The user as Spring Security checks and signs them in, with the password's hash; unknown: an exception. */
    public UserDetails loadUserByUsername(String username) {
        UserRow row = row(username).orElseThrow(() -> new UsernameNotFoundException("unknown"));
        AppUser user = row.user();
        List<String> roles = new java.util.ArrayList<>();
        if (user.agencyCode() != null) {
            roles.add("AGENCY");
        }
        if (user.reviewer()) {
            roles.add("REVIEWER");
        }
        if (user.admin()) {
            roles.add("ADMIN");
        }
        return User.withUsername(username).password(row.hash()).disabled(!user.enabled())
                .roles(roles.toArray(String[]::new)).build();
    }
}
