package az.opengov.nap.shared.web;

import az.opengov.nap.shared.Messages;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Problem documents (RFC 9457) written where no controller answers: in the filters before Spring MVC (sign-in, the
 * database out of reach). The same fields as {@code ProblemHandler}'s (type, title, status, detail, code), in the
 * language the request asks for.
 */
@Component
public class ProblemAnswers {

    private final Messages messages;
    private final ObjectMapper json = new ObjectMapper();

    public ProblemAnswers(Messages messages) {
        this.messages = messages;
    }

    /** Writes the answer with {@code status}, its title and the text of {@code key} in the request's language. */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String key,
                      Object... args) throws IOException {
        Locale locale = Messages.supported(locale(request));
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:nap:problem:" + key);
        problem.put("title", messages.text(locale, "error.title." + status));
        problem.put("status", status);
        problem.put("detail", messages.text(locale, key, args));
        problem.put("code", key);
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType("application/problem+json");
        response.setHeader("Content-Language", locale.toLanguageTag());
        json.writeValue(response.getWriter(), problem);
    }

    /** What a page says of a refusal: its title, its text and their language. */
    record Page(String title, String detail, String language) {
    }

    /** The title and text of {@code key} for a page, in the request's language. */
    Page page(HttpServletRequest request, int status, String key) {
        Locale locale = Messages.supported(locale(request));
        return new Page(messages.text(locale, "error.title." + status), messages.text(locale, key),
                locale.getLanguage());
    }

    /**
     * The language as {@link LocaleConfig} would choose it (the {@code lang} parameter, the cookie, the API client's
     * Accept-Language, else az), without the database or the session.
     */
    static Locale locale(HttpServletRequest request) {
        String lang = request.getParameter(LocaleConfig.PARAM);
        if (lang == null && request.getCookies() != null) {
            for (jakarta.servlet.http.Cookie c : request.getCookies()) {
                if (LocaleConfig.COOKIE.equals(c.getName())) {
                    lang = c.getValue();
                }
            }
        }
        if (lang != null && !lang.isBlank()) {
            return Locale.forLanguageTag(lang);
        }
        return request.getRequestURI().startsWith("/api/") && request.getHeader("Accept-Language") != null
                ? request.getLocale() : Messages.AZ;
    }
}
