package az.opengov.nap.portal.web;

import az.opengov.nap.shared.NapException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors on the portal's pages become pages, not JSON: anything missing or not public answers the same "not found"
 * page with status 404; a bad request names what was wrong with it, in the reader's language.
 */
@ControllerAdvice(assignableTypes = {PortalController.class, FollowController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalPages {

    private final az.opengov.nap.shared.Messages messages;

    PortalPages(az.opengov.nap.shared.Messages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NapException.class)
    String error(NapException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("lang", PageSupport.lang());
        model.addAttribute("status", e.status().value());
        model.addAttribute("messageKey", e.status().value() == 404 ? "portal.notFound" : e.messageKey());
        model.addAttribute("problems", e.status().value() == 404 ? java.util.List.of()
                : e.errors().stream().map(messages::text).toList());
        return "portal/error";
    }
}
