package az.opengov.nap.shared.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of HTML administration pages: a refusal it does not handle itself (a plan or measure that does
 * not exist, a conflict) becomes the error page in the reader's language rather than JSON (see
 * {@link AdministrationPageErrors}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface AdministrationPage {
}
