package az.opengov.nap.portal.web;

import az.opengov.nap.portal.HttpCaching;
import az.opengov.nap.portal.PublicCatalog.Snapshot;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.CharArrayWriter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The portal's pages, rendered once per representation and kept. A page is a function of the published snapshot's
 * version (which changes with any publication, amendment or new day), the variant its ETag already names (page,
 * plan, measure, language, page number) and the address it was asked for (absolute links, the language switcher):
 * that triple is the key, so a kept page is never stale. Readers who get a page nobody asked for since the last
 * change pay for its rendering; everyone else gets the bytes (a measure page with 50 reports and 150 parties:
 * Thymeleaf's rendering was most of its time).
 *
 * <p>Only the rendering is kept: the controller still runs, so the language cookie, conditional GET, security headers
 * and errors behave as before. At most {@code nap.portal.rendered-pages} (32 MB) is kept; pages of older versions are
 * never asked for again: they leave as room is needed, or after an hour unused.
 */
@Component
class RenderedPages {

    private final Cache<String, String> pages;
    /** Absent when the application runs without a web server (a command-line import). */
    private final org.springframework.beans.factory.ObjectProvider<ThymeleafViewResolver> views;

    RenderedPages(org.springframework.beans.factory.ObjectProvider<ThymeleafViewResolver> views, MeterRegistry registry,
                  @Value("${nap.portal.rendered-pages:32MB}") DataSize size) {
        this.views = views;
        this.pages = Caffeine.newBuilder()
                .maximumWeight(size.toBytes())
                .weigher((String key, String page) -> 2 * (key.length() + page.length()))
                .expireAfterAccess(Duration.ofHours(1))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, pages, "portal.pages");
    }

    /** The view {@code name}, rendered at most once for this snapshot, variant and address. */
    View view(String name, Snapshot snapshot, HttpServletRequest request, String... variant) {
        String key = HttpCaching.representationKey(snapshot, request, variant);
        return new View() {
            @Override
            public String getContentType() {
                return MediaType.TEXT_HTML_VALUE + ";charset=UTF-8";
            }

            @Override
            public void render(Map<String, ?> model, HttpServletRequest req, HttpServletResponse response)
                    throws Exception {
                String page = pages.getIfPresent(key);
                if (page == null) {
                    page = renderOnce(name, model, req, response);
                    pages.put(key, page);
                }
                response.setContentType(getContentType());
                response.getWriter().write(page);
            }
        };
    }

    private String renderOnce(String name, Map<String, ?> model, HttpServletRequest request,
                              HttpServletResponse response)
            throws Exception {
        View view = views.getObject().resolveViewName(name, RequestContextUtils.getLocale(request));
        if (view == null) {
            throw new IllegalStateException("no view " + name);
        }
        CharArrayWriter page = new CharArrayWriter(64 * 1024);
        PrintWriter writer = new PrintWriter(page);
        view.render(model, request, new HttpServletResponseWrapper(response) {
            @Override
            public PrintWriter getWriter() {
                return writer;
            }

            @Override
            public void flushBuffer() {
                writer.flush();
            }
        });
        writer.flush();
        return page.toString();
    }
}
