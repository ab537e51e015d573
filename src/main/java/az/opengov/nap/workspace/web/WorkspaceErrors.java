package az.opengov.nap.workspace.web;

import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.web.ErrorPages;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Errors of workspace pages as pages in the reader's language, never a stack trace. Ordered before the JSON API's
 * {@code ProblemHandler}, which answers every other controller.
 */
@ControllerAdvice(basePackageClasses = WorkspaceErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkspaceErrors extends ErrorPages {

    WorkspaceErrors(Messages messages) {
        super(messages);
    }
}
