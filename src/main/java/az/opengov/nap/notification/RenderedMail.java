package az.opengov.nap.notification;

import java.util.Locale;

/**
 * A mail written out in one language: the subject on one line, a plain text and an HTML body, and for a mail about a
 * report its summary (plan, measure, agency on one line), by which a mail joining several lists it.
 */
record RenderedMail(Locale locale, String subject, String text, String html, String summary) {

    RenderedMail(Locale locale, String subject, String text, String html) {
        this(locale, subject, text, html, null);
    }
}
