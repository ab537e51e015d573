package az.opengov.nap.portal;

import az.opengov.nap.portal.PublicCatalog.Snapshot;
import az.opengov.nap.shared.Clock;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.WebRequest;

/**
 * Conditional GET for everything public: the validator is the published snapshot's version with the
 * representation's variant, Last-Modified its last change (or the start of the day in Baku, as overdue standings move
 * with the date). Data may be cached by anyone for five minutes; pages are revalidated on every use and vary with the
 * language.
 */
public final class HttpCaching {

    private HttpCaching() {
    }

    /** Sets the validators; true when the reader's copy is current and a 304 has been set. */
    public static boolean notModified(WebRequest request, HttpServletResponse response, Snapshot snapshot,
                                      boolean page, String... variant) {
        if (page) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            response.setHeader(HttpHeaders.VARY, "Accept-Language, Cookie");
        } else {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
        }
        Instant day = Clock.today().atStartOfDay(Clock.BAKU).toInstant();
        Instant last = snapshot.lastChange().isAfter(day) ? snapshot.lastChange() : day;
        return request.checkNotModified(snapshot.etag(variant), last.toEpochMilli());
    }

    /**
     * The key of a representation kept once written (a rendered page, a serialized list): the snapshot's version
     * with the variant, as the ETag names it, and the address it was asked for (its links are absolute).
     */
    public static String representationKey(Snapshot snapshot, HttpServletRequest request, String... variant) {
        return snapshot.etag(variant) + " " + request.getRequestURL()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }
}
