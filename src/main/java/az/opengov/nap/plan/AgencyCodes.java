package az.opengov.nap.plan;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Codes for agencies an import creates, derived from their printed names: Azerbaijani letters transliterated
 * (ə→E, ı→I, ö→O, ü→U, ş→SH, ç→CH, ğ→G, İ→I), a name of one or two words kept as words ("Dövlət Fondu" →
 * DOVLET_FONDU), a longer name shortened to its initials ("Gənclər Təşəbbüsləri Mərkəzi" → GTM), only
 * {@code [A-Z0-9_]}, and a numeric suffix when the code is taken (GTM_2).
 */
final class AgencyCodes {

    private static final Map<Character, String> AZERBAIJANI = Map.ofEntries(
            Map.entry('ə', "E"), Map.entry('Ə', "E"), Map.entry('ı', "I"), Map.entry('İ', "I"),
            Map.entry('ö', "O"), Map.entry('Ö', "O"), Map.entry('ü', "U"), Map.entry('Ü', "U"),
            Map.entry('ş', "SH"), Map.entry('Ş', "SH"), Map.entry('ç', "CH"), Map.entry('Ç', "CH"),
            Map.entry('ğ', "G"), Map.entry('Ğ', "G"));
    private static final int MAX_WORDS_KEPT = 2;
    private static final int MAX_BASE_LENGTH = 50;
    private static final String FALLBACK = "AGENCY";

    private AgencyCodes() {
    }

    /** A code for a name, before it is made unique. */
    static String derive(String name) {
        List<String> words = Arrays.stream(transliterate(name).split("[^A-Z0-9]+")).filter(w -> !w.isEmpty())
                .toList();
        String code = words.size() <= MAX_WORDS_KEPT ? String.join("_", words)
                : words.stream().map(AgencyCodes::initial).collect(Collectors.joining());
        code = code.length() > MAX_BASE_LENGTH ? code.substring(0, MAX_BASE_LENGTH) : code;
        return code.isEmpty() ? FALLBACK : code;
    }

    /** The code itself if free, else the first free one of code_2, code_3, … */
    static String unique(String code, Predicate<String> taken) {
        String candidate = code;
        for (int n = 2; taken.test(candidate); n++) {
            candidate = code + "_" + n;
        }
        return candidate;
    }

    static String transliterate(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : Normalizer.normalize(name, Normalizer.Form.NFC).toCharArray()) {
            ascii.append(AZERBAIJANI.getOrDefault(c, String.valueOf(c)));
        }
        return Normalizer.normalize(ascii, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT);
    }

    /** A word's first letter; a number is kept whole ("189 nömrəli məktəb" → 189NM). */
    private static String initial(String word) {
        return Character.isDigit(word.charAt(0)) ? word : word.substring(0, 1);
    }
}
