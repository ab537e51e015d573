package az.opengov.nap.monitoring.web;

import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The monitoring pages' errors as pages in the reader's language, never a stack trace. The exports and the JSON API
 * answer as JSON ({@code ProblemHandler}).
 */
@ControllerAdvice(assignableTypes = {MonitoringPage.class, IncidentsPage.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminPages {

    private static final Logger log = LoggerFactory.getLogger(AdminPages.class);

    private final Messages messages;

    AdminPages(Messages messages) {
        this.messages = messages;
    }

    /**
     * What the administration pages built on the workspace's layout need from it: who is signed in (for the admin
     * links) and this page without its language (for the language links).
     */
    @ControllerAdvice(assignableTypes = {MonitoringPage.class, IncidentsPage.class})
    static class LayoutModel {

        private final UserDirectory users;

        LayoutModel(UserDirectory users) {
            this.users = users;
        }

        @ModelAttribute("me")
        AppUser me() {
            return users.currentUsername().flatMap(users::find).orElse(null);
        }

        @ModelAttribute("here")
        String here(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (!"GET".equals(request.getMethod())) {
                return path.startsWith("/admin/incidents") ? "/admin/incidents" : "/admin/monitoring";
            }
            return UriComponentsBuilder.fromPath(path).query(request.getQueryString()).replaceQueryParam("lang")
                    .build().toUriString();
        }
    }

    @ExceptionHandler(NapException.class)
    String nap(NapException e, Model model, HttpServletResponse response) {
        String detail = messages.text(e.messageKey(), e.args());
        if (!e.errors().isEmpty()) {
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
        log.error("Unexpected error on a monitoring page", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, messages.text("error.unexpected"), model, response);
    }

    private String page(HttpStatus status, String detail, Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("detail", detail);
        return "error/page";
    }
}
