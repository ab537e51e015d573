package az.opengov.nap.security.oidc;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.audit.AuditEvent;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.RequestUsers;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.TransactionCache;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the provider's user into the application's user at every OpenID Connect login. The user is found by the
 * provider's subject, else by the user name claim (linking an existing account that no other subject holds), else
 * created with a random password nobody knows. Their agency follows the agency claim at every login (a missing code,
 * or one the registry does not know, means no agency, and the unknown code is audited); reviewer and administrator
 * follow the roles claim where a role value is configured. A disabled user stays disabled and is refused. The
 * principal returned carries the application's user name and roles, exactly as a password login would.
 */
class OidcUserProvisioning implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String PROVISIONED = "USER_PROVISIONED_OIDC";
    static final String AGENCY_UNKNOWN = "OIDC_AGENCY_UNKNOWN";
    static final String LOGIN_FAILED = "LOGIN_FAILED";

    /** As for users created by administrators (UserAdminService), and within the engine's whitelist. */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final List<String> LOCALES = List.of("az", "en", "ru");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OidcProperties properties;
    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final PasswordEncoder passwords;
    private final AgencyService agencies;
    private final AuditService audit;
    private final TransactionTemplate transaction;
    private final OidcUserService provider = new OidcUserService();

    OidcUserProvisioning(OidcProperties properties, JdbcClient jdbc, UserDirectory users, PasswordEncoder passwords,
                         AgencyService agencies, AuditService audit, PlatformTransactionManager transactions) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.users = users;
        this.passwords = passwords;
        this.agencies = agencies;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser fromProvider = provider.loadUser(request);
        String username = transaction.execute(status -> provision(fromProvider.getClaims()));
        return new NapOidcUser(username, users.loadUserByUsername(username).getAuthorities(),
                fromProvider.getIdToken(), fromProvider.getUserInfo());
    }

    /** The stored user and the subject it is linked to. */
    private record Linked(AppUser user, String subject) {
    }

    /** Creates or updates the user the claims describe, in the caller's transaction; returns their user name. */
    String provision(Map<String, Object> claims) {
        String subject = text(claims.get("sub"));
        if (subject == null) {
            throw refused(null, "the provider sent no subject");
        }
        Linked existing = find("oidc_subject", subject).orElse(null);
        if (existing == null) {
            String claimed = text(claim(claims, properties.usernameClaim()));
            claimed = claimed == null ? null : claimed.strip().toLowerCase(Locale.ROOT);
            if (claimed == null || !USERNAME.matcher(claimed).matches()) {
                throw refused(claimed, "claim '" + properties.usernameClaim() + "' holds no usable user name");
            }
            existing = find("username", claimed).orElse(null);
            if (existing != null && existing.subject() != null) {
                throw refused(claimed, "the user name belongs to another OpenID Connect subject");
            }
            if (existing == null) {
                return create(claimed, subject, claims);
            }
        }
        return update(existing, subject, claims);
    }

    private String create(String username, String subject, Map<String, Object> claims) {
        AppUser user = new AppUser(username, displayName(claims, null, username), email(claims, null),
                locale(claims, null), agency(claims, username), role(claims, properties.reviewerClaimValue(), false),
                role(claims, properties.adminClaimValue(), false), true);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        jdbc.sql("""
                insert into app_user (username, password_hash, display_name, email, locale, agency_code, reviewer,
                    admin, enabled, oidc_subject)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(user.username(), passwords.encode(Base64.getEncoder().encodeToString(secret)),
                        user.displayName(), user.email(), user.locale(), user.agencyCode(), user.reviewer(),
                        user.admin(), true, subject)
                .update();
        TransactionCache.clear();
        RequestUsers.forget();
        audit.change(username, PROVISIONED, "user", username, "created at sign-in: " + describe(user));
        return username;
    }

    private String update(Linked existing, String subject, Map<String, Object> claims) {
        AppUser before = existing.user();
        String username = before.username();
        if (!before.enabled()) {
            throw refused(username, "the user is disabled");
        }
        AppUser after = new AppUser(username, displayName(claims, before, username), email(claims, before),
                locale(claims, before), agency(claims, username),
                role(claims, properties.reviewerClaimValue(), before.reviewer()),
                role(claims, properties.adminClaimValue(), before.admin()), true);
        boolean linking = existing.subject() == null;
        if (!after.equals(before) || linking) {
            jdbc.sql("""
                    update app_user set display_name = ?, email = ?, locale = ?, agency_code = ?, reviewer = ?,
                        admin = ?, oidc_subject = ? where username = ?""")
                    .params(after.displayName(), after.email(), after.locale(), after.agencyCode(), after.reviewer(),
                            after.admin(), subject, username)
                    .update();
            TransactionCache.clear();
            RequestUsers.forget();
            audit.change(username, PROVISIONED, "user", username, (linking ? "linked to its OpenID Connect subject; "
                    : "") + "before: " + describe(before) + "; after: " + describe(after));
        }
        return username;
    }

    private Optional<Linked> find(String column, String value) {
        record Row(String username, String subject) {
        }
        return jdbc.sql("select username, oidc_subject from app_user where " + column + " = ?").param(value)
                .query((rs, n) -> new Row(rs.getString("username"), rs.getString("oidc_subject"))).optional()
                .flatMap(row -> users.find(row.username()).map(u -> new Linked(u, row.subject())));
    }

    /** The agency of the claim if the registry knows it as an agency (not a collective); else none, audited. */
    private String agency(Map<String, Object> claims, String username) {
        String code = text(claim(claims, properties.agencyClaim()));
        if (code == null || code.isBlank()) {
            return null;
        }
        String stripped = code.strip();
        Optional<Agency> agency = agencies.find(stripped)
                .or(() -> agencies.find(stripped.toUpperCase(Locale.ROOT)));
        if (agency.isPresent() && !agency.get().collective()) {
            return agency.get().code();
        }
        audit.security(username, AGENCY_UNKNOWN, AuditEvent.FAILURE, "claim '" + properties.agencyClaim() + "' = '"
                + truncate(stripped, 100) + "' is no agency of the registry: signed in without an agency");
        return null;
    }

    private boolean role(Map<String, Object> claims, String value, boolean unmanaged) {
        if (value == null) {
            return unmanaged;
        }
        return roles(claim(claims, properties.rolesClaim())).contains(value);
    }

    private static Set<String> roles(Object claim) {
        Set<String> roles = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            values.stream().filter(v -> v != null).map(v -> v.toString().strip()).forEach(roles::add);
        } else if (claim != null) {
            for (String role : claim.toString().split("[\\s,]+")) {
                if (!role.isBlank()) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    private static String displayName(Map<String, Object> claims, AppUser before, String username) {
        String name = text(claims.get("name"));
        if (name == null || name.isBlank()) {
            String given = text(claims.get("given_name"));
            String family = text(claims.get("family_name"));
            name = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        }
        if (name.isBlank()) {
            return before != null ? before.displayName() : username;
        }
        return truncate(name.strip(), 200);
    }

    private static String email(Map<String, Object> claims, AppUser before) {
        String email = text(claims.get("email"));
        if (email != null && email.length() <= 320 && EMAIL.matcher(email).matches()) {
            return email;
        }
        return before == null ? null : before.email();
    }

    private static String locale(Map<String, Object> claims, AppUser before) {
        String locale = text(claims.get("locale"));
        String language = locale == null || locale.length() < 2 ? null
                : locale.substring(0, 2).toLowerCase(Locale.ROOT);
        if (language != null && LOCALES.contains(language)) {
            return language;
        }
        return before == null ? "az" : before.locale();
    }

    /** A claim by its name, else by a dotted path into nested claims ({@code realm_access.roles}). */
    static Object claim(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        Object current = claims;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /** A string claim, or the one value of a one-element list. */
    private static String text(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.size() == 1 && values.iterator().next() != null ? values.iterator().next().toString()
                    : null;
        }
        return claim == null ? null : claim.toString();
    }

    private OAuth2AuthenticationException refused(String username, String reason) {
        audit.security(username, LOGIN_FAILED, AuditEvent.FAILURE, "OpenID Connect: " + reason);
        return new OAuth2AuthenticationException(new OAuth2Error("access_denied", reason, null), reason);
    }

    private static String describe(AppUser u) {
        return "agency=" + u.agencyCode() + ", reviewer=" + u.reviewer() + ", admin=" + u.admin() + ", enabled="
                + u.enabled();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
