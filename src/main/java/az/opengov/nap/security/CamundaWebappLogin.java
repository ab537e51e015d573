package az.opengov.nap.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * One login for everything: Camunda's webapps (Cockpit, Tasklist, Admin) take the user signed in to the application,
 * with the same groups, instead of asking again.
 */
@Configuration
class CamundaWebappLogin {

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthentication() {
        var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider", Provider.class.getName()));
        // after Spring Security's filter chain, which has already refused everyone but administrators
        registration.setOrder(201);
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        return registration;
    }

    /** Reads the application's signed-in user; instantiated by Camunda's filter. */
    public static class Provider extends ContainerBasedAuthenticationProvider {

        static final String CAMUNDA_ADMIN = "camunda-admin";

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
                return AuthenticationResult.unsuccessful();
            }
            var context = WebApplicationContextUtils.getRequiredWebApplicationContext(request.getServletContext());
            var user = context.getBean(UserDirectory.class).find(auth.getName()).filter(AppUser::enabled);
            if (user.isEmpty()) {
                return AuthenticationResult.unsuccessful();
            }
            mirror(engine, user.get());
            AuthenticationResult result = AuthenticationResult.successful(auth.getName());
            result.setGroups(user.get().groups());
            return result;
        }

        /**
         * The webapps look the user up in the engine's identity service; the application's store stays the one
         * source, and the engine gets a row with the same id and name (its password is random and never used).
         */
        private static void mirror(ProcessEngine engine, AppUser user) {
            var identity = engine.getIdentityService();
            if (identity.createUserQuery().userId(user.username()).count() == 0) {
                var mirrored = identity.newUser(user.username());
                mirrored.setFirstName(user.displayName());
                mirrored.setLastName("");
                mirrored.setEmail(user.email());
                mirrored.setPassword(java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID());
                identity.saveUser(mirrored);
            }
            if (user.admin()) {
                // the webapps send everyone to their first-run setup while no engine administrator exists
                if (identity.createGroupQuery().groupId(CAMUNDA_ADMIN).count() == 0) {
                    var group = identity.newGroup(CAMUNDA_ADMIN);
                    group.setName("Camunda administrators (mirrored from the application's admins)");
                    group.setType("SYSTEM");
                    identity.saveGroup(group);
                }
                if (identity.createUserQuery().userId(user.username()).memberOfGroup(CAMUNDA_ADMIN).count() == 0) {
                    identity.createMembership(user.username(), CAMUNDA_ADMIN);
                }
            }
        }
    }
}
