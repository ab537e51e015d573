package az.opengov.nap.shared.web;

import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.TransientFailure;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * The outermost filter: when the database is out of reach, every request (also one that fails in sign-in or session
 * code, before any controller) gets a clean {@code 503} with {@code Retry-After}, in the reader's language, and not a
 * stack trace or a misleading {@code 401}. Controllers' own errors are answered by their advice before this.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final Messages messages;

    public DatabaseUnavailableFilter(Messages messages) {
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!TransientFailure.unavailable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unavailable, answered 503: {}", e.toString());
            unavailable(request, response);
        }
    }

    /** Writes the 503 answer: a problem document for the API, a short page otherwise. */
    public void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(TransientFailure.RETRY_AFTER_SECONDS));
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        java.util.Locale locale = Messages.supported(locale(request));
        String title = messages.text(locale, "error.title.503");
        String detail = messages.text(locale, TransientFailure.UNAVAILABLE_KEY);
        String uri = request.getRequestURI();
        if (uri.startsWith(request.getContextPath() + "/api/") || uri.startsWith(request.getContextPath()
                + "/engine-rest/") || uri.startsWith(request.getContextPath() + "/actuator/")) {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"urn:nap:problem:" + TransientFailure.UNAVAILABLE_KEY
                    + "\",\"title\":\"" + json(title) + "\",\"status\":503,\"detail\":\"" + json(detail)
                    + "\",\"code\":\"" + TransientFailure.UNAVAILABLE_KEY + "\"}");
        } else {
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head>"
                    + "<meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title) + "</title>"
                    + "<link rel=\"stylesheet\" href=\"/css/portal.css\"></head><body><main class=\"container\">"
                    + "<h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p>"
                    + "</main></body></html>");
        }
        response.flushBuffer();
    }

    /**
     * The language as {@link LocaleConfig} would choose it (the {@code lang} parameter, the cookie, the API client's
     * Accept-Language, else az), without the database or the session.
     */
    private static java.util.Locale locale(HttpServletRequest request) {
        String lang = request.getParameter(LocaleConfig.PARAM);
        if (lang == null && request.getCookies() != null) {
            for (jakarta.servlet.http.Cookie c : request.getCookies()) {
                if (LocaleConfig.COOKIE.equals(c.getName())) {
                    lang = c.getValue();
                }
            }
        }
        if (lang != null && !lang.isBlank()) {
            return java.util.Locale.forLanguageTag(lang);
        }
        return request.getRequestURI().startsWith("/api/") && request.getHeader("Accept-Language") != null
                ? request.getLocale() : Messages.AZ;
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
