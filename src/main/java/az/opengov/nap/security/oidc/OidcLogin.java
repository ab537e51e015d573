package az.opengov.nap.security.oidc;

import az.opengov.nap.security.UserDirectory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Adds the OpenID Connect login to a session-based filter chain. The bean exists only when OIDC is enabled, so the
 * security configuration applies it with {@code for (OidcLogin o : oidcLogin) o.configure(...)} and nothing changes
 * when it is off.
 */
public class OidcLogin {

    private final ClientRegistrationRepository registrations;
    private final OidcUserProvisioning provisioning;
    private final UserDirectory users;

    OidcLogin(ClientRegistrationRepository registrations, OidcUserProvisioning provisioning, UserDirectory users) {
        this.registrations = registrations;
        this.provisioning = provisioning;
        this.users = users;
    }

    /**
     * {@code /oauth2/authorization/gov} sends the browser to the provider, {@code /login/oauth2/code/gov} takes it
     * back: the user is provisioned and signed in with the application's roles, a failure returns to the login page
     * with {@code ?error}. The authorization request carries PKCE besides state and nonce, though the client has a
     * secret (OAuth 2.0 Security Best Current Practice). The session then follows the user store on every request like
     * a password session.
     */
    public void configure(HttpSecurity http, String loginPage, String defaultSuccessUrl) throws Exception {
        var requests = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.oauth2Login(o -> o
                        .loginPage(loginPage)
                        .defaultSuccessUrl(defaultSuccessUrl)
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(requests))
                        .userInfoEndpoint(u -> u.oidcUserService(provisioning)))
                .addFilterBefore(new OidcSessionRefreshFilter(users), AuthorizationFilter.class);
    }
}
