package az.opengov.nap.shared.web;

import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.TransientFailure;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of HTML pages as the error page in the reader's language, never a stack trace: a refusal with its message, a
 * lost race as 409, the database away as 503 with {@code Retry-After}. Each kind of page (workspace, administration)
 * scopes its own {@code @ControllerAdvice} subclass, ordered before the JSON API's {@code ProblemHandler}.
 */
public abstract class ErrorPages {

    private final Logger log = LoggerFactory.getLogger(getClass());

    private final Messages messages;

    protected ErrorPages(Messages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NapException.class)
    String refused(NapException e, Model model, HttpServletResponse response) {
        String detail = messages.text(e.messageKey(), e.args());
        if (e.errors() != null && !e.errors().isEmpty()) {
            detail = detail + " " + String.join(" ", e.errors().stream().map(messages::text).toList());
        }
        return page(e.status(), detail, model, response);
    }

    @ExceptionHandler(AccessDeniedException.class)
    String denied(Model model, HttpServletResponse response) {
        return page(HttpStatus.FORBIDDEN, messages.text("error.forbidden"), model, response);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String badRequest(Exception e, Model model, HttpServletResponse response) {
        return page(HttpStatus.BAD_REQUEST, messages.text("error.page.400"), model, response);
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, HttpServletResponse response) {
        NapException passing = TransientFailure.of(e).orElse(null);
        if (passing != null) {
            // someone else acted first (409), or the database is away for a moment (503): said plainly
            log.info("Transient failure on a page, answered {}: {}", passing.status().value(), e.toString());
            if (passing.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                response.setHeader("Retry-After", String.valueOf(TransientFailure.RETRY_AFTER_SECONDS));
            }
            return page(passing.status(), messages.text(passing.messageKey()), model, response);
        }
        log.error("Unexpected error on a page", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, messages.text("error.unexpected"), model, response);
    }

    private static String page(HttpStatus status, String detail, Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("detail", detail);
        return "error/page";
    }
}
