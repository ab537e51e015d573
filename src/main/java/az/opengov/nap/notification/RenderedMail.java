package az.opengov.nap.notification;

import java.util.Locale;

/** A mail written out in one language: the subject on one line, a plain text and an HTML body. */
record RenderedMail(Locale locale, String subject, String text, String html) {
}
