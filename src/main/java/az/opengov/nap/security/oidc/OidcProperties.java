package az.opengov.nap.security.oidc;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Single sign-on through OpenID Connect ({@code nap.security.oidc.*}), off by default. The provider and the client
 * are Spring Boot's own registration {@code spring.security.oauth2.client.registration.gov.*} with
 * {@code spring.security.oauth2.client.provider.gov.issuer-uri}; these properties say how the provider's claims map
 * to the application's user.
 *
 * <p>A claim name is looked up as it is first (so {@code https://id.gov.az/agency} works), then as a dotted path into
 * nested claims ({@code realm_access.roles}).
 *
 * @param enabled            whether the login page offers the government ID and the callback is served
 * @param usernameClaim      the claim holding the user name of a new user (lower-cased; letters, digits, {@code ._-})
 * @param agencyClaim        the claim holding the agency's registry code; a missing or unknown code means no agency
 * @param rolesClaim         the claim (a list, or a string separated by spaces or commas) holding the roles
 * @param reviewerClaimValue the role that makes a commission reviewer; blank: reviewers are set by administrators only
 * @param adminClaimValue    the role that makes an administrator; blank: administrators are set by administrators only
 */
@Validated
@ConfigurationProperties("nap.security.oidc")
public record OidcProperties(boolean enabled, @NotBlank String usernameClaim, @NotBlank String agencyClaim,
                             @NotBlank String rolesClaim, String reviewerClaimValue, String adminClaimValue) {

    /** The client registration the login uses: {@code /oauth2/authorization/gov}. */
    public static final String REGISTRATION_ID = "gov";

    public OidcProperties {
        usernameClaim = usernameClaim == null ? "preferred_username" : usernameClaim;
        agencyClaim = agencyClaim == null ? "agency" : agencyClaim;
        rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
        reviewerClaimValue = blankToNull(reviewerClaimValue);
        adminClaimValue = blankToNull(adminClaimValue);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
