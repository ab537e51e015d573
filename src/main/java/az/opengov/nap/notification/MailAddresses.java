package az.opengov.nap.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which recipient addresses we accept: exactly one plain address ({@code name@domain.tld}), no display name, no
 * list, no line break or other control character (the way into header injection), at most 254 characters.
 */
final class MailAddresses {

    static final int MAX_LENGTH = 254;
    /** Two or more spaces in a row, which a subject keeps as one. */
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private MailAddresses() {
    }

    static boolean valid(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || c == ',' || c == ';' || c == '<'
                    || c == '>' || c == '"' || c == '(' || c == ')') {
                return false;
            }
        }
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@') || !address.substring(at + 1).contains(".")) {
            return false;
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            return address.equals(parsed.getAddress()) && parsed.getPersonal() == null;
        } catch (AddressException e) {
            return false;
        }
    }

    /** The form an address is compared in: trimmed, lower case. */
    static String key(String address) {
        return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    }

    /** A subject on one line: control characters (CR, LF, TAB...) become spaces, so no header can be smuggled in. */
    static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return SPACES.matcher(b).replaceAll(" ").strip();
    }
}
