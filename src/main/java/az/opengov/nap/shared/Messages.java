package az.opengov.nap.shared;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Texts in the user's language (az by default, en, ru) from {@code i18n/*.properties}. */
@Component
public class Messages {

    public static final Locale AZ = Locale.forLanguageTag("az");
    public static final List<Locale> SUPPORTED = List.of(AZ, Locale.ENGLISH, Locale.forLanguageTag("ru"));

    private final MessageSource source;

    public Messages(MessageSource source) {
        this.source = source;
    }

    public String text(String key, Object... args) {
        return text(LocaleContextHolder.getLocale(), key, args);
    }

    public String text(Locale locale, String key, Object... args) {
        Object[] shown = Arrays.stream(args)
                .map(a -> a instanceof Enum<?> e ? source.getMessage(
                        "enum." + e.getDeclaringClass().getSimpleName() + "." + e.name(), null, e.name(), locale) : a)
                .toArray();
        return source.getMessage(key, shown, key, supported(locale));
    }

    public String text(FieldProblem problem) {
        return text(problem.messageKey(), problem.args());
    }

    /** A day as the reader's language writes it in full ("31 avqust 2026", "August 31, 2026", "31 августа 2026 г."). */
    public static String date(LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(supported(LocaleContextHolder.getLocale())).format(date);
    }

    public static Locale supported(Locale locale) {
        if (locale == null) {
            return AZ;
        }
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst().orElse(AZ);
    }
}
