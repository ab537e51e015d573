package az.opengov.nap.agency;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key under which an organisation name is matched: Unicode NFC, lower case by Azerbaijani rules (İ→i, I→ı),
 * quotes dropped, whitespace collapsed. "Mərkəzi və yerli icra hakimiyyəti orqanları" and "mərkəzi  və yerli …"
 * share one key.
 */
public final class Names {

    private static final Locale AZ = Locale.forLanguageTag("az");
    private static final Pattern QUOTES = Pattern.compile("[\"“”„«»‘’'`]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Names() {
    }

    public static String key(String name) {
        if (name == null) {
            return "";
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFC).replace('\u00A0', ' ');
        s = QUOTES.matcher(s).replaceAll("");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        return s.toLowerCase(AZ);
    }

    /** Whitespace collapsed and trimmed, letters untouched: how a printed name is kept. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        return SPACES.matcher(Normalizer.normalize(text, Normalizer.Form.NFC).replace('\u00A0', ' '))
                .replaceAll(" ").strip();
    }
}
