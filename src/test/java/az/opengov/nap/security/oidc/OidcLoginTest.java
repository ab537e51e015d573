package az.opengov.nap.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserAdminService;
import az.opengov.nap.security.UserDirectory;
import com.nimbusds.jose.JOSEObjectType;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on against an OpenID Connect provider run in the test (mock-oauth2-server on loopback), over real HTTP:
 * the browser's authorization code flow (application → provider → callback → session), the user provisioned from
 * the claims with the agency group and roles they name, the session following the user store, and the audit rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OidcLoginTest {

    static final String CLIENT_ID = "nap-client";
    static final MockOAuth2Server PROVIDER = new MockOAuth2Server();

    static {
        PROVIDER.start(InetAddress.getLoopbackAddress(), 0);
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("nap.security.oidc.enabled", () -> "true");
        registry.add("nap.security.oidc.reviewer-claim-value", () -> "nap-reviewer");
        registry.add("nap.security.oidc.admin-claim-value", () -> "nap-admin");
        registry.add("spring.security.oauth2.client.registration.gov.client-id", () -> CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.gov.client-secret", () -> "nap-secret");
        registry.add("spring.security.oauth2.client.registration.gov.scope", () -> "openid,profile,email");
        registry.add("spring.security.oauth2.client.provider.gov.issuer-uri",
                () -> PROVIDER.issuerUrl("gov").toString());
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;
    @Autowired
    UserAdminService userAdmin;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theLoginPageOffersTheGovernmentId() throws Exception {
        HttpResponse<String> login = get(browser(), uri("/login"));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("id=\"sign-in-oidc\"").contains("href=\"/oauth2/authorization/gov\"");
        // signing in is still the application's choice: pages and Camunda's webapps send to the login page, not
        // straight to the provider
        for (String path : new String[] {"/workspace", "/camunda/app/cockpit/default/"}) {
            HttpResponse<String> anonymous = get(browser(), uri(path));
            assertThat(anonymous.statusCode()).as(path).isEqualTo(302);
            assertThat(anonymous.headers().firstValue("Location")).as(path)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }

    @Test
    void aNewUserIsProvisionedWithTheAgencyOfTheClaimAndSignedIn() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> done = signIn(browser, "subject-oidc-user", Map.of("preferred_username", "Oidc-User",
                "agency", "MCHT", "roles", List.of("staff"), "name", "Oidc İstifadəçi", "email", "oidc@example.az",
                "locale", "en-GB"));
        assertRedirect(done, "/workspace");

        AppUser user = users.find("oidc-user").orElseThrow();
        assertThat(user).isEqualTo(new AppUser("oidc-user", "Oidc İstifadəçi", "oidc@example.az", "en", "MCHT", false,
                false, true));
        assertThat(user.groups()).containsExactly("MCHT");
        assertThat(subjectOf("oidc-user")).isEqualTo("subject-oidc-user");
        assertThat(jdbc.sql("select password_hash from app_user where username = 'oidc-user'").query(String.class)
                .single()).startsWith("{argon2}");

        // the session is the application's user: the workspace names them and lists their agency's work
        HttpResponse<String> workspace = get(browser, uri("/workspace"));
        assertThat(workspace.statusCode()).isEqualTo(200);
        assertThat(workspace.body()).contains("Oidc İstifadəçi");
        assertThat(audit("LOGIN", "oidc-user")).isEqualTo(1);
        assertThat(audit(OidcUserProvisioning.PROVISIONED, "oidc-user")).isEqualTo(1);

        // the next login finds the user by subject (even renamed at the provider) and changes nothing
        signIn(browser(), "subject-oidc-user", Map.of("preferred_username", "renamed", "agency", "MCHT",
                "name", "Oidc İstifadəçi", "email", "oidc@example.az", "locale", "en"));
        assertThat(users.exists("renamed")).isFalse();
        assertThat(audit("LOGIN", "oidc-user")).isEqualTo(2);
        assertThat(audit(OidcUserProvisioning.PROVISIONED, "oidc-user")).isEqualTo(1);
    }

    @Test
    void aMissingOrUnknownAgencyClaimGivesNoAgencyGroup() throws Exception {
        signIn(browser(), "subject-no-agency", Map.of("preferred_username", "oidc-no-agency"));
        assertThat(users.find("oidc-no-agency").orElseThrow().agencyCode()).isNull();
        assertThat(users.find("oidc-no-agency").orElseThrow().groups()).isEmpty();

        HttpClient browser = browser();
        signIn(browser, "subject-unknown-agency", Map.of("preferred_username", "oidc-unknown", "agency", "NOPE"));
        assertThat(users.find("oidc-unknown").orElseThrow().agencyCode()).isNull();
        assertThat(audit(OidcUserProvisioning.AGENCY_UNKNOWN, "oidc-unknown")).isEqualTo(1);
        assertThat(get(browser, uri("/workspace")).statusCode()).isEqualTo(200);

        // the claim governs at every login: an agency the provider no longer names is taken away
        signIn(browser(), "subject-moved", Map.of("preferred_username", "oidc-moved", "agency", "EDU"));
        assertThat(users.find("oidc-moved").orElseThrow().agencyCode()).isEqualTo("EDU");
        signIn(browser(), "subject-moved", Map.of("preferred_username", "oidc-moved"));
        assertThat(users.find("oidc-moved").orElseThrow().agencyCode()).isNull();
        assertThat(audit(OidcUserProvisioning.PROVISIONED, "oidc-moved")).isEqualTo(2);
    }

    @Test
    void theRolesClaimMakesReviewersAndAdministrators() throws Exception {
        HttpClient admin = browser();
        signIn(admin, "subject-oidc-admin", Map.of("preferred_username", "oidc-admin", "roles", "nap-admin other"));
        assertThat(users.find("oidc-admin").orElseThrow().admin()).isTrue();
        // Camunda's webapps take the OIDC session like a password one
        assertThat(get(admin, uri("/camunda/app/cockpit/default/")).statusCode()).isEqualTo(200);
        assertThat(get(admin, uri("/admin/users")).statusCode()).isNotIn(302, 401, 403);

        HttpClient reviewer = browser();
        signIn(reviewer, "subject-oidc-reviewer", Map.of("preferred_username", "oidc-reviewer", "agency", "ACC",
                "roles", List.of("nap-reviewer")));
        assertThat(users.find("oidc-reviewer").orElseThrow().reviewer()).isTrue();
        assertThat(users.find("oidc-reviewer").orElseThrow().admin()).isFalse();
        assertThat(get(reviewer, uri("/workspace/reviews")).statusCode()).isEqualTo(200);
        assertThat(get(reviewer, uri("/camunda/app/cockpit/default/")).statusCode()).isEqualTo(403);

        // a role the provider no longer names is taken away at the next login
        signIn(browser(), "subject-oidc-admin", Map.of("preferred_username", "oidc-admin", "roles", List.of()));
        assertThat(users.find("oidc-admin").orElseThrow().admin()).isFalse();
    }

    @Test
    void aDisabledUserIsSignedOutAtTheNextRequestAndCannotSignInAgain() throws Exception {
        HttpClient browser = browser();
        signIn(browser, "subject-oidc-disabled", Map.of("preferred_username", "oidc-disabled", "agency", "MCHT",
                "name", "To Be Disabled"));
        assertThat(get(browser, uri("/workspace")).statusCode()).isEqualTo(200);

        // made an administrator meanwhile: the open session acts with the new role at once
        userAdmin.update("oidc-disabled", new UserAdminService.UserChange("To Be Disabled", null, "az", "MCHT", false,
                true, true), "test-admin");
        assertThat(get(browser, uri("/camunda/app/cockpit/default/")).statusCode()).isEqualTo(200);

        userAdmin.update("oidc-disabled", new UserAdminService.UserChange("To Be Disabled", null, "az", "MCHT", false,
                false, false), "test-admin");
        HttpResponse<String> next = get(browser, uri("/workspace"));
        assertThat(next.statusCode()).isEqualTo(302);
        assertRedirect(next, "/login");

        HttpResponse<String> again = signIn(browser(), "subject-oidc-disabled",
                Map.of("preferred_username", "oidc-disabled", "agency", "MCHT"));
        assertRedirect(again, "/login?error");
        assertThat(users.find("oidc-disabled").orElseThrow().enabled()).isFalse();
        assertThat(audit("LOGIN_FAILED", "oidc-disabled")).isEqualTo(1);
        assertThat(audit("LOGIN", "oidc-disabled")).isEqualTo(1);
    }

    @Test
    void anExistingAccountIsLinkedByUserNameButNeverTakenOverByAnotherSubject() throws Exception {
        users.create(new AppUser("oidc-linked", "Linked", null, "az", "EDU", false, false, true),
                "linked-account-passphrase");
        signIn(browser(), "subject-linked", Map.of("preferred_username", "oidc-linked", "agency", "MCHT"));
        assertThat(subjectOf("oidc-linked")).isEqualTo("subject-linked");
        assertThat(users.find("oidc-linked").orElseThrow().agencyCode()).isEqualTo("MCHT");
        assertThat(jdbc.sql("select details from audit_event where action = ? and actor = 'oidc-linked'")
                .param(OidcUserProvisioning.PROVISIONED).query(String.class).single())
                .contains("linked").contains("agency=EDU").contains("agency=MCHT");

        HttpResponse<String> other = signIn(browser(), "subject-someone-else",
                Map.of("preferred_username", "oidc-linked", "agency", "EDU"));
        assertRedirect(other, "/login?error");
        assertThat(subjectOf("oidc-linked")).isEqualTo("subject-linked");
        assertThat(users.find("oidc-linked").orElseThrow().agencyCode()).isEqualTo("MCHT");
        assertThat(audit("LOGIN_FAILED", "oidc-linked")).isEqualTo(1);

        // the linked account keeps its password: the form login works beside the OIDC one
        HttpClient browser = browser();
        HttpResponse<String> form = get(browser, uri("/login"));
        Matcher token = Pattern.compile(
                "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(form.body());
        assertThat(token.find()).isTrue();
        String csrf = token.group(1) != null ? token.group(1) : token.group(2);
        HttpResponse<String> password = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "username=oidc-linked&password=linked-account-passphrase&_csrf=" + csrf)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(password.statusCode()).isEqualTo(302);
        assertRedirect(password, "/workspace");
        assertThat(get(browser, uri("/workspace")).statusCode()).isEqualTo(200);
    }

    @Test
    void aUserNameTheApplicationCannotUseIsRefused() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> refused = signIn(browser, "subject-bad-name",
                Map.of("preferred_username", "Bad Name!", "agency", "MCHT"));
        assertRedirect(refused, "/login?error");
        assertThat(jdbc.sql("select count(*) from app_user where oidc_subject = 'subject-bad-name'").query(Long.class)
                .single()).isZero();
        assertThat(get(browser, uri("/workspace")).statusCode()).isEqualTo(302);
    }

    // ---- the browser ----------------------------------------------------------------------------------------------

    /**
     * Runs the authorization code flow as a browser would, one redirect at a time, with the provider answering with
     * these claims; returns the application's answer to the provider's callback.
     */
    private HttpResponse<String> signIn(HttpClient browser, String subject, Map<String, Object> claims)
            throws Exception {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback("gov", subject, JOSEObjectType.JWT.getType(),
                List.of(CLIENT_ID), claims, 3600));
        HttpResponse<String> start = get(browser, uri("/oauth2/authorization/gov"));
        assertThat(start.statusCode()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(PROVIDER.issuerUrl("gov").toString());
        assertThat(authorize.getQuery()).contains("client_id=" + CLIENT_ID).contains("state=").contains("nonce=")
                .contains("code_challenge=").contains("code_challenge_method=S256");

        HttpResponse<String> provider = get(browser, authorize);
        assertThat(provider.statusCode()).isEqualTo(302);
        URI callback = URI.create(provider.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/gov");
        assertThat(callback.getPort()).isEqualTo(port);

        HttpResponse<String> done = get(browser, callback);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        return done;
    }

    /** A redirect whose target contains this (the path, with its query). */
    private static void assertRedirect(HttpResponse<?> response, String target) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains(target));
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static HttpResponse<String> get(HttpClient browser, URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private String subjectOf(String username) {
        return jdbc.sql("select oidc_subject from app_user where username = ?").param(username).query(String.class)
                .single();
    }

    private long audit(String action, String actor) {
        return jdbc.sql("select count(*) from audit_event where action = ? and actor = ?").params(action, actor)
                .query(Long.class).single();
    }
}
