package az.opengov.nap.shared.web;

import az.opengov.nap.shared.Messages;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;

/** The error page, in the reader's language, for what an {@link AdministrationPage} refuses or fails at. */
@ControllerAdvice(annotations = AdministrationPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdministrationPageErrors extends ErrorPages {

    AdministrationPageErrors(Messages messages) {
        super(messages);
    }
}
