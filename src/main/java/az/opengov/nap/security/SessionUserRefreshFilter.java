package az.opengov.nap.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in session follows the user store on every request: a user disabled or removed is signed out at once, a
 * user whose roles changed (moved to another agency, no longer a reviewer or admin) acts with the new ones at once.
 * This class handles password sign-ins; a subclass handles another kind of sign-in by overriding
 * {@link #handles} and {@link #withAuthorities}.
 */
public class SessionUserRefreshFilter extends OncePerRequestFilter {

    private final UserDirectory users;

    public SessionUserRefreshFilter(UserDirectory users) {
        this.users = users;
    }

    /** Whether this filter refreshes this kind of sign-in. */
    protected boolean handles(Authentication auth) {
        return auth instanceof UsernamePasswordAuthenticationToken;
    }

    /** The same sign-in, with the user's current authorities. */
    protected Authentication withAuthorities(Authentication auth, Collection<? extends GrantedAuthority> authorities) {
        var refreshed = UsernamePasswordAuthenticationToken.authenticated(auth.getPrincipal(), null, authorities);
        refreshed.setDetails(auth.getDetails());
        return refreshed;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && handles(auth)) {
            UserDetails current;
            try {
                current = users.loadUserByUsername(auth.getName());
            } catch (UsernameNotFoundException e) {
                current = null;
            }
            if (current == null || !current.isEnabled()) {
                SecurityContextHolder.clearContext();
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else if (!new HashSet<>(current.getAuthorities()).equals(new HashSet<>(auth.getAuthorities()))) {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(withAuthorities(auth, current.getAuthorities()));
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
