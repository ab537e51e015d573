package az.opengov.nap.security.oidc;

import java.util.Collection;
import java.util.Objects;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * The provider's user as the application knows them: {@link #getName()} is the application's user name (not the
 * provider's subject), and the authorities are the application's roles, as for a password login.
 */
final class NapOidcUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final String username;

    NapOidcUser(String username, Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken,
                OidcUserInfo userInfo) {
        super(authorities, idToken, userInfo, IdTokenClaimNames.SUB);
        this.username = username;
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NapOidcUser o && username.equals(o.username) && super.equals(other);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, super.hashCode());
    }
}
