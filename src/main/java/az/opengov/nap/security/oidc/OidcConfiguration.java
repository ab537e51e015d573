package az.opengov.nap.security.oidc;

import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.security.UserDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The beans of the OpenID Connect login, present only with {@code nap.security.oidc.enabled=true}. Without them the
 * application needs no {@code spring.security.oauth2.*} property at all and its filter chains are unchanged.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "nap.security.oidc", name = "enabled", havingValue = "true")
class OidcConfiguration {

    @Bean
    OidcUserProvisioning oidcUserProvisioning(OidcProperties properties, JdbcClient jdbc, UserDirectory users,
                                              PasswordEncoder passwords, AgencyService agencies, AuditService audit,
                                              PlatformTransactionManager transactions) {
        return new OidcUserProvisioning(properties, jdbc, users, passwords, agencies, audit, transactions);
    }

    @Bean
    OidcLogin oidcLoginConfigurer(ObjectProvider<ClientRegistrationRepository> registrations,
                                  OidcUserProvisioning provisioning, UserDirectory users) {
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        if (repository == null || repository.findByRegistrationId(OidcProperties.REGISTRATION_ID) == null) {
            throw new IllegalStateException("nap.security.oidc.enabled=true needs the client registration "
                    + "spring.security.oauth2.client.registration." + OidcProperties.REGISTRATION_ID
                    + ".client-id/client-secret/scope and spring.security.oauth2.client.provider."
                    + OidcProperties.REGISTRATION_ID + ".issuer-uri");
        }
        return new OidcLogin(repository, provisioning, users);
    }
}
