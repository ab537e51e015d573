package az.opengov.nap.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.security.UserDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;

/** OIDC switched on without its client registration is a clear startup failure, not a login page that breaks. */
class OidcConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(OidcProperties.class, () -> new OidcProperties(true, null, null, null, null, null))
            .withBean(JdbcClient.class, () -> mock(JdbcClient.class))
            .withBean(UserDirectory.class, () -> mock(UserDirectory.class))
            .withBean(PasswordEncoder.class, () -> mock(PasswordEncoder.class))
            .withBean(AgencyService.class, () -> mock(AgencyService.class))
            .withBean(AuditService.class, () -> mock(AuditService.class))
            .withBean(PlatformTransactionManager.class, () -> mock(PlatformTransactionManager.class))
            .withUserConfiguration(OidcConfiguration.class);

    @Test
    void enabledWithoutTheRegistrationFailsNamingTheProperties() {
        context.withPropertyValues("nap.security.oidc.enabled=true").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("spring.security.oauth2.client.registration.gov")
                    .hasMessageContaining("spring.security.oauth2.client.provider.gov.issuer-uri");
        });
    }

    @Test
    void disabledNeedsNothing() {
        context.withPropertyValues("nap.security.oidc.enabled=false").run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started).doesNotHaveBean(OidcLogin.class).doesNotHaveBean(OidcUserProvisioning.class);
        });
    }

    @Test
    void claimNamesDefaultAndBlankRoleValuesMeanUnmanaged() {
        var defaults = new OidcProperties(false, null, null, null, " ", "");
        assertThat(defaults.usernameClaim()).isEqualTo("preferred_username");
        assertThat(defaults.agencyClaim()).isEqualTo("agency");
        assertThat(defaults.rolesClaim()).isEqualTo("roles");
        assertThat(defaults.reviewerClaimValue()).isNull();
        assertThat(defaults.adminClaimValue()).isNull();
    }

    @Test
    void claimsAreFoundByNameThenByDottedPath() {
        var claims = java.util.Map.<String, Object>of("https://id.gov.az/agency", "MCHT",
                "realm_access", java.util.Map.of("roles", java.util.List.of("nap-reviewer")));
        assertThat(OidcUserProvisioning.claim(claims, "https://id.gov.az/agency")).isEqualTo("MCHT");
        assertThat(OidcUserProvisioning.claim(claims, "realm_access.roles"))
                .isEqualTo(java.util.List.of("nap-reviewer"));
        assertThat(OidcUserProvisioning.claim(claims, "realm_access.groups")).isNull();
        assertThat(OidcUserProvisioning.claim(claims, "missing")).isNull();
    }
}
