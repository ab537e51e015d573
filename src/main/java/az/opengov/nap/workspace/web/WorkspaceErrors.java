package az.opengov.nap.workspace.web;

import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of workspace pages as pages in the reader's language, never a stack trace. Ordered before the JSON API's
 * {@code ProblemHandler}, which answers every other controller.
 */
@ControllerAdvice(basePackageClasses = WorkspaceErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkspaceErrors {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceErrors.class);

    private final Messages messages;

    WorkspaceErrors(Messages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NapException.class)
    String nap(NapException e, Model model, HttpServletResponse response) {
        String detail = messages.text(e.messageKey(), e.args());
        if (!e.errors().isEmpty()) {
            detail = detail + " " + e.errors().stream().map(messages::text).reduce((a, b) -> a + " " + b).orElse("");
        }
        return page(e.status(), detail, model, response);
    }

    @ExceptionHandler(OptimisticLockingException.class)
    String concurrent(RuntimeException e, Model model, HttpServletResponse response) {
        log.info("Concurrent change refused: {}", e.getMessage());
        return page(HttpStatus.CONFLICT, messages.text("error.concurrentChange"), model, response);
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
        NapException passing = az.opengov.nap.shared.TransientFailure.of(e).orElse(null);
        if (passing != null) {
            // someone else acted first (409), or the database is away for a moment (503): said plainly
            log.info("Transient failure on a workspace page, answered {}: {}", passing.status().value(), e.toString());
            if (passing.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                response.setHeader("Retry-After",
                        String.valueOf(az.opengov.nap.shared.TransientFailure.RETRY_AFTER_SECONDS));
            }
            return page(passing.status(), messages.text(passing.messageKey()), model, response);
        }
        log.error("Unexpected error on a workspace page", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, messages.text("error.unexpected"), model, response);
    }

    private String page(HttpStatus status, String detail, Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("detail", detail);
        return "error/page";
    }
}
