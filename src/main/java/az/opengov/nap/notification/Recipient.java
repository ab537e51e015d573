package az.opengov.nap.notification;

import java.util.Locale;

/** One address and the language its mail is written in. */
record Recipient(String address, Locale locale) {
}
