package az.opengov.nap.shared.web;

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

    private final ProblemAnswers answers;

    public DatabaseUnavailableFilter(ProblemAnswers answers) {
        this.answers = answers;
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
        response.setHeader("Retry-After", String.valueOf(TransientFailure.RETRY_AFTER_SECONDS));
        String uri = request.getRequestURI();
        if (uri.startsWith(request.getContextPath() + "/api/") || uri.startsWith(request.getContextPath()
                + "/engine-rest/") || uri.startsWith(request.getContextPath() + "/actuator/")) {
            answers.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    TransientFailure.UNAVAILABLE_KEY);
        } else {
            ProblemAnswers.Page page = answers.page(request, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    TransientFailure.UNAVAILABLE_KEY);
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"" + page.language() + "\"><head>"
                    + "<meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(page.title()) + "</title>"
                    + "<link rel=\"stylesheet\" href=\"/css/portal.css\"></head><body><main class=\"container\">"
                    + "<h1>" + HtmlUtils.htmlEscape(page.title()) + "</h1><p>" + HtmlUtils.htmlEscape(page.detail())
                    + "</p>"
                    + "</main></body></html>");
        }
        response.flushBuffer();
    }
}
