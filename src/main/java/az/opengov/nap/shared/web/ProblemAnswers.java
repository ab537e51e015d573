package az.opengov.nap.shared.web;

import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.ProblemHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Problem documents (RFC 9457) written where no controller answers: in the filters before Spring MVC (sign-in, the
 * database out of reach). {@link ProblemHandler}'s own documents, in the language the request asks for, written with
 * the application's JSON mapper as Spring MVC writes them.
 */
@Component
public class ProblemAnswers {

    private final ProblemHandler problems;
    private final Messages messages;
    private final ObjectMapper json;

    public ProblemAnswers(ProblemHandler problems, Messages messages, ObjectMapper json) {
        this.problems = problems;
        this.messages = messages;
        this.json = json;
    }

    /** Writes {@code ProblemHandler}'s document for {@code status} and {@code key} in the request's language. */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String key,
                      Object... args) throws IOException {
        Locale locale = Messages.supported(locale(request));
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType("application/problem+json");
        response.setHeader("Content-Language", locale.toLanguageTag());
        json.writeValue(response.getWriter(),
                problems.problem(new NapException(HttpStatus.valueOf(status), key, args), locale));
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
