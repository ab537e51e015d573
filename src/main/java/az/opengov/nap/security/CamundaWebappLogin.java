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
            AuthenticationResult result = AuthenticationResult.successful(auth.getName());
            result.setGroups(user.get().groups());
            return result;
        }
    }
}
