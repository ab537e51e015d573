package az.opengov.nap.shared.web;

import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** The error page, in the reader's language, for what an {@link AdministrationPage} refuses. */
@ControllerAdvice(annotations = AdministrationPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdministrationPageErrors {

    private final Messages messages;

    AdministrationPageErrors(Messages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NapException.class)
    String refused(NapException e, Model model, HttpServletResponse response) {
        String detail = messages.text(e.messageKey(), e.args());
        if (e.errors() != null && !e.errors().isEmpty()) {
            detail = detail + " " + String.join(" ", e.errors().stream().map(messages::text).toList());
        }
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("detail", detail);
        return "error/page";
    }
}
