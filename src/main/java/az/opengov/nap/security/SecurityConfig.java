package az.opengov.nap.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. The JSON API is stateless (HTTP Basic, no session cookie, so no CSRF exposure); pages and
 * Camunda's webapps use a form login with a session and CSRF protection. Camunda's REST API and webapps are for
 * administrators only.
 */
@Configuration
class SecurityConfig {

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /**
     * Argon2id for every new hash (OWASP's first choice); hashes of other kinds (bcrypt…) still verify and are
     * upgraded at the next password change. Successful checks are remembered for a while
     * ({@code nap.security.verified-passwords.ttl}, 10 minutes; 0 turns it off).
     */
    @Bean
    PasswordEncoder passwordEncoder(
            @org.springframework.beans.factory.annotation.Value("${nap.security.argon2.memory-kib:19456}") int memory,
            @org.springframework.beans.factory.annotation.Value("${nap.security.argon2.iterations:2}") int iterations,
            @org.springframework.beans.factory.annotation.Value("${nap.security.verified-passwords.ttl:10m}")
            java.time.Duration verifiedFor) {
        // OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane
        var argon2 = new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, memory,
                iterations);
        var delegating = (org.springframework.security.crypto.password.DelegatingPasswordEncoder)
                PasswordEncoderFactories.createDelegatingPasswordEncoder();
        var encoders = new java.util.HashMap<String, PasswordEncoder>();
        encoders.put("argon2", argon2);
        encoders.put("bcrypt", new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder());
        var result = new org.springframework.security.crypto.password.DelegatingPasswordEncoder("argon2", encoders);
        result.setDefaultPasswordEncoderForMatches(delegating);
        // HTTP Basic hashes on every API request: remember recent successes (see VerifiedPasswords)
        return verifiedFor.isZero() ? result : new VerifiedPasswords(result, verifiedFor, 10_000);
    }

    /**
     * The request's attributes reachable from anywhere before sign-in, as Spring MVC would have them (order -105,
     * ahead of Spring Security's filters): the engine's REST API (Jersey) otherwise puts its own after them, and the
     * password check could not use what the request has read already ({@link RequestUsers}).
     */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static org.springframework.web.filter.RequestContextFilter requestContextFilter() {
        return new org.springframework.boot.web.servlet.filter.OrderedRequestContextFilter();
    }

    /**
     * Sign-ins are observed (metric {@code spring.security.authentications}, by outcome); the filter chain and each
     * access decision are not: Spring Security would otherwise wrap every one of its filters in an observation of its
     * own on every request, a fifth of an API request's time here, while {@code http.server.requests} already times
     * each request as a whole.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(false).shouldObserveAuthorizations(false).shouldObserveAuthentications(true)
                .build();
    }

    /** Refused accesses become events, and so audit entries. */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher events) {
        return new SpringAuthorizationEventPublisher(events);
    }

    @Bean
    @Order(1)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain api(HttpSecurity http, ApiRefusals refusals) throws Exception {
        // path matchers, not MVC ones: the engine's REST API is a Jersey servlet, not a Spring MVC controller
        http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
                .authorizeHttpRequests(a -> a
                        // the API's description and its Swagger UI (at /api/docs, which sends the browser to
                        // /api/swagger-ui/index.html) are public, as the open data API they describe
                        .requestMatchers(path("/api/public/**"), path("/api/openapi/**"), path("/api/docs/**"),
                                path("/api/swagger-ui/**"))
                        .permitAll()
                        .requestMatchers(path("/api/admin/**"), path("/engine-rest/**")).hasRole("ADMIN")
                        .anyRequest().authenticated());
        return signedInEachRequest(http, refusals);
    }

    /**
     * The actuator for monitoring systems: HTTP Basic as an administrator, no session (a Prometheus scraper signs in on
     * every scrape); the health status is public, its details are for administrators.
     */
    @Bean
    @Order(0)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain actuator(HttpSecurity http, ApiRefusals refusals) throws Exception {
        http.securityMatcher(path("/actuator/**"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(path("/actuator/health"), path("/actuator/health/**")).permitAll()
                        .anyRequest().hasRole("ADMIN"));
        return signedInEachRequest(http, refusals);
    }

    /**
     * A chain for programs rather than browsers: HTTP Basic on each request, no session and so no CSRF token, and its
     * refusals as problem documents in the client's language ({@link ApiRefusals}).
     */
    private static SecurityFilterChain signedInEachRequest(HttpSecurity http, ApiRefusals refusals) throws Exception {
        return http
                .httpBasic(b -> b.authenticationDetailsSource(BasicSignIn.SOURCE).authenticationEntryPoint(refusals))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    /** Camunda's webapps send their own Content-Security-Policy (with nonces); ours would break them. */
    @Bean
    @Order(2)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain camundaWebapps(HttpSecurity http, UserDirectory users,
            org.springframework.beans.factory.ObjectProvider<az.opengov.nap.security.oidc.OidcLogin> oidc)
            throws Exception {
        // single sign-on through OpenID Connect, only when nap.security.oidc.enabled (see oidc.OidcLogin)
        for (var login : oidc) {
            login.configure(http, LOGIN_PAGE, "/camunda/app/");
        }
        return http.securityMatcher(path("/camunda/**"))
                .authorizeHttpRequests(a -> a
                        // the Admin webapp's first-run setup would create an engine administrator: never
                        .requestMatchers(path("/camunda/api/admin/setup/**")).denyAll()
                        .anyRequest().hasRole("ADMIN"))
                .addFilterBefore(new SessionUserRefreshFilter(users), AuthorizationFilter.class)
                .formLogin(f -> f.loginPage(LOGIN_PAGE))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .build();
    }

    /**
     * Pages. The public portal and its open data need no login; the workspace needs one; administration pages and
     * the actuator need an administrator.
     */
    @Bean
    @Order(3)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain pages(HttpSecurity http, UserDirectory users,
            org.springframework.beans.factory.ObjectProvider<az.opengov.nap.security.oidc.OidcLogin> oidc)
            throws Exception {
        for (var login : oidc) {
            login.configure(http, LOGIN_PAGE, "/workspace");
        }
        return http
                .addFilterBefore(new SessionUserRefreshFilter(users), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(PUBLIC.stream().map(SecurityConfig::path).toArray(RequestMatcher[]::new))
                        .permitAll()
                        .requestMatchers(path("/admin/**"), path("/actuator/**")).hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage(LOGIN_PAGE).defaultSuccessUrl("/workspace"))
                .logout(l -> l.logoutSuccessUrl("/"))
                // RFC 8058 one-click unsubscribe: the mail client POSTs without a CSRF token; the token in the URL
                // is the secret, and unsubscribing is all that address can do
                .csrf(c -> c.ignoringRequestMatchers(path("/follow/unsubscribe")))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .build();
    }

    /** The login page (Spring Security's own until the workspace serves one and sets it on both chains). */
    static final String LOGIN_PAGE = "/login";

    /** Addresses anyone may open: the public portal, its open data and feeds, static files, health. */
    static final java.util.List<String> PUBLIC = java.util.List.of("/", "/login", "/error", "/plans/**",
            "/agencies/**", "/search", "/feeds/**", "/open-data/**", "/follow/**", "/reports/**", "/webjars/**",
            "/css/**", "/js/**", "/img/**", "/fonts/**", "/favicon.ico", "/actuator/health", "/swagger-ui/**",
            "/v3/api-docs/**");

    /** No inline script anywhere: scripts and styles come from this server only. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
}
