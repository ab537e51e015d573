package az.opengov.nap.shared.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;

/**
 * Links to static files get the resource chain's versioned address ({@code /webjars/bootstrap/css/…} becomes
 * {@code /webjars/bootstrap/5.3.3/css/…}); every other link is left as it is.
 *
 * <p>Spring's own {@link ResourceUrlEncodingFilter}, which Spring Boot registers when a WebJars locator is on the
 * class path, sends every link a page builds through the resource chain. Static files are served from {@code /**}, so
 * a link to {@code /agencies/AG7} or {@code /plans/…/measures/1.2} was looked up in four class-path folders inside the
 * jars, and a miss is not cached: on a public measure page with 50 reports and 150 parties that was 40 % of the
 * request's time. This filter replaces Spring Boot's and sends only the static folders' links to the chain.
 */
@Configuration(proxyBeanMethods = false)
public class StaticResourceLinks {

    /** Where the static files are: the WebJars and the folders under {@code src/main/resources/static}. */
    static final List<String> STATIC_PREFIXES = List.of("/webjars/", "/css/", "/js/", "/img/");

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new StaticOnly());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    static boolean isStatic(String contextPath, String url) {
        if (url == null || !url.startsWith(contextPath)) {
            return false;
        }
        String path = url.substring(contextPath.length());
        return STATIC_PREFIXES.stream().anyMatch(path::startsWith);
    }

    /** The resource chain for static links only; the request's {@link ResourceUrlProvider} does the rewriting. */
    static final class StaticOnly extends ResourceUrlEncodingFilter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
                chain.doFilter(request, response);
                return;
            }
            chain.doFilter(request, new HttpServletResponseWrapper(out) {
                @Override
                public String encodeURL(String url) {
                    if (isStatic(http.getContextPath(), url)
                            && http.getAttribute(ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR)
                            instanceof ResourceUrlProvider provider) {
                        String versioned = provider.getForRequestUrl(http, url);
                        if (versioned != null) {
                            return super.encodeURL(versioned);
                        }
                    }
                    return super.encodeURL(url);
                }
            });
        }
    }
}
