package az.opengov.nap.security.oidc;

import az.opengov.nap.security.UserDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashSet;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the password sessions' refresh does, for a session signed in through OpenID Connect: a user disabled or
 * removed is signed out at the next request, a user whose roles changed acts with the new ones at once.
 */
class OidcSessionRefreshFilter extends OncePerRequestFilter {

    private final UserDirectory users;

    OidcSessionRefreshFilter(UserDirectory users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken token
                && token.isAuthenticated()) {
            UserDetails current;
            try {
                current = users.loadUserByUsername(token.getName());
            } catch (UsernameNotFoundException e) {
                current = null;
            }
            if (current == null || !current.isEnabled()) {
                SecurityContextHolder.clearContext();
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else if (!new HashSet<>(current.getAuthorities()).equals(new HashSet<>(token.getAuthorities()))) {
                var refreshed = new OAuth2AuthenticationToken(token.getPrincipal(), current.getAuthorities(),
                        token.getAuthorizedClientRegistrationId());
                refreshed.setDetails(token.getDetails());
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(refreshed);
                SecurityContextHolder.setContext(context);
                var session = request.getSession(false);
                if (session != null) {
                    session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
