package az.opengov.nap.workspace;

import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.FormDefinitions;
import az.opengov.nap.shared.Messages;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates, numbers, names and form labels in the reader's language, for the workspace's templates ({@code @fmt}). Plan
 * texts stay as written in Azerbaijani; agency names come in English or Russian where the registry has them; form
 * labels come from {@code form.<formId>.<key>} with the form file's (Azerbaijani) label as fallback.
 */
@Component("fmt")
public class WorkspaceFormat {

    private final MessageSource source;
    private final AgencyService agencies;
    private final UserDirectory users;

    WorkspaceFormat(MessageSource source, AgencyService agencies, UserDirectory users) {
        this.source = source;
        this.agencies = agencies;
        this.users = users;
    }

    /** A person's display name, or their user name when they are not (or no longer) known. */
    public String person(String username) {
        return username == null ? "" : users.find(username).map(AppUser::displayName).orElse(username);
    }

    public Locale locale() {
        return Messages.supported(LocaleContextHolder.getLocale());
    }

    public String lang() {
        return locale().getLanguage();
    }

    public String date(LocalDate date) {
        return Messages.date(date);
    }

    public String date(Instant instant) {
        return instant == null ? "" : date(LocalDate.ofInstant(instant, Clock.BAKU));
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale()).format(instant.atZone(Clock.BAKU));
    }

    /** ISO date for {@code <time datetime>}. */
    public String iso(Instant instant) {
        return instant == null ? "" : LocalDate.ofInstant(instant, Clock.BAKU).toString();
    }

    public String number(Number n) {
        return n == null ? "" : NumberFormat.getInstance(locale()).format(n);
    }

    /** A file size in kB or MB, in the reader's number format. */
    public String size(long bytes) {
        NumberFormat f = NumberFormat.getInstance(locale());
        f.setMaximumFractionDigits(1);
        if (bytes < 1024 * 1024) {
            return source.getMessage("unit.kb", new Object[] {f.format(Math.max(1, bytes / 1024.0))}, locale());
        }
        return source.getMessage("unit.mb", new Object[] {f.format(bytes / (1024.0 * 1024))}, locale());
    }

    public String agency(String code) {
        if (code == null) {
            return "";
        }
        return agencies.find(code).map(a -> a.name(lang())).orElse(code);
    }

    public String label(String formId, FormDefinitions.Field field) {
        return source.getMessage("form." + formId + "." + field.key(), null, field.label(), locale());
    }

    public String label(String formId, String key, String fallback) {
        return source.getMessage("form." + formId + "." + key, null, fallback, locale());
    }

    public String option(String value) {
        return value == null ? "" : source.getMessage("form.option." + value, null, value, locale());
    }
}
