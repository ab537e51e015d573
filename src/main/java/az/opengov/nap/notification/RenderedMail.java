package az.opengov.nap.notification;

import java.util.Locale;

/**
 * A mail written out in one language: the subject on one line, a plain text and an HTML body, and for a mail about a
 * report its summary (plan, measure, agency on one line), by which a mail joining several lists it. A message whose
 * bodies are written when it leaves has none yet, but the model they are written from (JSON, see
 * {@link MailComposer#later}).
 */
record RenderedMail(Locale locale, String subject, String text, String html, String summary, String model) {

    RenderedMail(Locale locale, String subject, String text, String html) {
        this(locale, subject, text, html, null, null);
    }

    RenderedMail(Locale locale, String subject, String text, String html, String summary) {
        this(locale, subject, text, html, summary, null);
    }

    RenderedMail withSummary(String summary) {
        return new RenderedMail(locale, subject, text, html, summary, model);
    }
}
