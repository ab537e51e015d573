package az.opengov.nap.portal;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Folding for search, done in Java over the (small) published data set: case-insensitive, and Azerbaijani-aware so
 * that a person typing without Azerbaijani letters still finds them: ə→e, ı/İ/I→i, ö→o, ü→u, ş→s, ç→c, ğ→g, and every
 * other accent stripped. Cyrillic is lower-cased and kept.
 */
public final class SearchText {

    private SearchText() {
    }

    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder mapped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case 'ə', 'Ə', 'ә', 'Ә' -> mapped.append('e');
                case 'ı', 'I', 'İ' -> mapped.append('i');
                default -> mapped.append(c);
            }
        }
        String decomposed = Normalizer.normalize(mapped.toString(), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    /** The words of a query, folded; empty words dropped. */
    public static List<String> terms(String query) {
        return Arrays.stream(fold(query).split("[\\s,;]+")).filter(t -> !t.isBlank()).toList();
    }

    /** Whether every term occurs in the folded text. */
    public static boolean matchesAll(String foldedText, List<String> terms) {
        return !terms.isEmpty() && terms.stream().allMatch(foldedText::contains);
    }
}
