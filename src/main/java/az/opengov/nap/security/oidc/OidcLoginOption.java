package az.opengov.nap.security.oidc;

import org.springframework.stereotype.Component;

/**
 * Tells the login page whether to offer "Sign in with the government ID" ({@code ${@oidcLogin.enabled}} in the
 * template) and where that button goes.
 */
@Component("oidcLogin")
public class OidcLoginOption {

    private final OidcProperties properties;

    OidcLoginOption(OidcProperties properties) {
        this.properties = properties;
    }

    public boolean isEnabled() {
        return properties.enabled();
    }

    public String getUrl() {
        return "/oauth2/authorization/" + OidcProperties.REGISTRATION_ID;
    }
}
