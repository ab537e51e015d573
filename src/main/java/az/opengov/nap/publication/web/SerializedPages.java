package az.opengov.nap.publication.web;

import az.opengov.nap.portal.HttpCaching;
import az.opengov.nap.portal.PublicCatalog.Snapshot;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.servlet.http.HttpServletRequest;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The open data API's lists, serialized once per representation and kept, as the portal keeps its rendered pages. A
 * list is a function of the published snapshot's version (which changes with any publication, amendment or new day),
 * the variant its ETag already names and the address it was asked for (its links are absolute): that triple is the
 * key, so a kept list is never stale. A page of 50 published reports with their texts is tens of kilobytes of JSON,
 * and writing it was most of such a request's time.
 *
 * <p>Only the writing is kept: the controller still runs, so validation, conditional GET and the paging headers behave
 * as before. At most {@code nap.api.serialized-pages} (16 MB) is kept; lists of older versions are never asked for
 * again: they leave as room is needed, or after an hour unused.
 */
@Component
class SerializedPages {

    private final Cache<String, byte[]> pages;
    private final ObjectMapper json;

    SerializedPages(ObjectMapper json, MeterRegistry registry,
                    @Value("${nap.api.serialized-pages:16MB}") DataSize size) {
        this.json = json;
        this.pages = Caffeine.newBuilder()
                .maximumWeight(size.toBytes())
                .weigher((String key, byte[] page) -> 2 * key.length() + page.length)
                .expireAfterAccess(Duration.ofHours(1))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, pages, "api.pages");
    }

    /** {@code body} as JSON, written at most once for this snapshot, variant and address. */
    ResponseEntity<byte[]> json(Snapshot snapshot, HttpServletRequest request, Supplier<?> body, String... variant) {
        byte[] page = pages.get(HttpCaching.representationKey(snapshot, request, variant), k -> write(body.get()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page);
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
