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
 * page with status 404.
 */
@ControllerAdvice(assignableTypes = {PortalController.class, FollowController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalPages {

    @ExceptionHandler(NapException.class)
    String error(NapException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("lang", PageSupport.lang());
        model.addAttribute("status", e.status().value());
        model.addAttribute("messageKey", e.status().value() == 404 ? "portal.notFound" : e.messageKey());
        return "portal/error";
    }
}
