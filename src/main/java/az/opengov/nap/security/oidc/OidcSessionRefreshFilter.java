package az.opengov.nap.security.oidc;

import az.opengov.nap.security.SessionUserRefreshFilter;
import az.opengov.nap.security.UserDirectory;
import java.util.Collection;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * What the password sessions' refresh does, for a session signed in through OpenID Connect: a user disabled or
 * removed is signed out at the next request, a user whose roles changed acts with the new ones at once.
 */
class OidcSessionRefreshFilter extends SessionUserRefreshFilter {

    OidcSessionRefreshFilter(UserDirectory users) {
        super(users);
    }

    @Override
    protected boolean handles(Authentication auth) {
        return auth instanceof OAuth2AuthenticationToken;
    }

    @Override
    protected Authentication withAuthorities(Authentication auth, Collection<? extends GrantedAuthority> authorities) {
        OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) auth;
        var refreshed = new OAuth2AuthenticationToken(token.getPrincipal(), authorities,
                token.getAuthorizedClientRegistrationId());
        refreshed.setDetails(token.getDetails());
        return refreshed;
    }
}
