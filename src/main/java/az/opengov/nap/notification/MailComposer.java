package az.opengov.nap.notification;

import az.opengov.nap.shared.Messages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes mails from the Thymeleaf templates under {@code templates/mail/} ({@code *.html} for the HTML part,
 * {@code *.txt} for the plain text part) and the texts of {@code i18n/mail*.properties}. Its own template engine, not
 * the web pages' one: mail needs the text mode too, and must not replace the engine Spring Boot configures for pages.
 */
@Component
class MailComposer {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final Messages messages;
    private final ObjectMapper json;

    MailComposer(MessageSource messageSource, Messages messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
        engine.setTemplateEngineMessageSource(messageSource);
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
    }

    /**
     * A message about a report as it is queued: its subject and summary, and the model its bodies are written from
     * when it leaves ({@link #written(OutboxMessage)}), as JSON. A cycle's opening queues thousands of messages that
     * mostly leave joined, listed by subject and summary, so their bodies are never written at all.
     */
    RenderedMail later(MailFacts f, Locale locale) {
        Map<String, Object> model = model(f, locale);
        String agencyName = (String) model.get("agencyName");
        String subject = messages.text(locale, "mail.kind." + f.kind() + ".subject", f.measureCode(), agencyName,
                date(f.dueDate()), f.daysOverdue(), f.cycleNumber() == null ? 0 : f.cycleNumber());
        String summary = Stream.of(f.planCode(), f.measureCode() == null ? null
                        : f.measureCode() + " — " + f.measureTitle(), agencyName)
                .filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(" · "));
        try {
            return new RenderedMail(locale, MailAddresses.oneLine(subject), null, null,
                    MailAddresses.oneLine(summary), json.writeValueAsString(model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mail model not written", e);
        }
    }

    /** The bodies of a queued message written now: as queued, or from the model it was queued with. */
    RenderedMail written(OutboxMessage m) {
        Locale locale = Locale.forLanguageTag(m.locale());
        if (m.bodyText() != null || m.model() == null) {
            return new RenderedMail(locale, m.subject(), m.bodyText(), m.bodyHtml(), m.summary());
        }
        try {
            Map<String, Object> model = json.readValue(m.model(), new TypeReference<Map<String, Object>>() { });
            return render("message", locale, m.subject(), model).withSummary(m.summary());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mail model of message " + m.id() + " not readable", e);
        }
    }

    private static Map<String, Object> model(MailFacts f, Locale locale) {
        String lang = locale.getLanguage();
        Map<String, Object> model = new HashMap<>();
        model.put("kind", f.kind().name());
        model.put("lang", lang);
        model.put("planCode", f.planCode());
        model.put("measureCode", f.measureCode());
        model.put("measureTitle", f.measureTitle());
        model.put("cycleNumber", f.cycleNumber());
        model.put("period", f.periodStart() == null ? null : DATE.format(f.periodStart()) + " – "
                + DATE.format(f.periodEnd()));
        model.put("agencyName", f.agency() == null ? "" : f.agency().name(lang));
        model.put("dueDate", f.dueDate() == null ? null : DATE.format(f.dueDate()));
        model.put("daysOverdue", f.daysOverdue());
        model.put("comment", f.comment());
        model.put("link", f.link());
        return model;
    }

    RenderedMail digest(DigestFacts f, Locale locale) {
        String lang = locale.getLanguage();
        String audience = f.agency() == null ? "" : f.agency().name(lang);
        Map<String, Object> model = new HashMap<>();
        model.put("kind", f.kind().name());
        model.put("lang", lang);
        model.put("week", f.week());
        model.put("audience", audience);
        model.put("open", f.open());
        model.put("overdue", f.overdue());
        model.put("groups", f.groups());
        model.put("link", f.link());
        String subject = messages.text(locale, "mail.kind." + f.kind() + ".subject", f.week(), audience, f.open(),
                f.overdue());
        return render("digest", locale, subject, model);
    }

    /**
     * One mail for several messages of one kind to one address: each listed by the subject it was written with, its
     * summary and its link, in the order of their measures. The texts are those of the messages as queued, in their
     * language.
     */
    RenderedMail joined(MailKind kind, Locale locale, List<OutboxMessage> items) {
        Map<String, Object> model = new HashMap<>();
        model.put("kind", kind.name());
        model.put("lang", locale.getLanguage());
        // in the plan's order: measures were numbered as imported
        model.put("items", items.stream().sorted(Comparator.comparing(OutboxMessage::measureId,
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(OutboxMessage::id)).toList());
        String subject = messages.text(locale, "mail.joined." + kind + ".subject", items.size());
        return render("joined", locale, subject, model);
    }

    static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    private RenderedMail render(String template, Locale locale, String subject, Map<String, Object> model) {
        String oneLine = MailAddresses.oneLine(subject);
        model.put("subject", oneLine);
        model.put("dates", new Dates());
        Context context = new Context(locale, model);
        String html = engine.process("mail/" + template + ".html", context);
        String text = engine.process("mail/" + template + ".txt", context);
        return new RenderedMail(locale, oneLine, text.strip() + "\n", html);
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver r = new ClassLoaderTemplateResolver();
        r.setPrefix("templates/");
        r.setSuffix("");
        r.setTemplateMode(mode);
        r.setCharacterEncoding("UTF-8");
        r.setResolvablePatterns(Set.of(pattern));
        r.setOrder(order);
        r.setCacheable(true);
        r.setCheckExistence(true);
        return r;
    }

    /** Date formatting for the templates ({@code ${dates.format(d)}}). */
    static final class Dates {
        public String format(LocalDate date) {
            return date(date);
        }
    }
}
