package az.opengov.nap.portal.web;

import az.opengov.nap.portal.PublicCatalog.Snapshot;
import az.opengov.nap.shared.Messages;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What every public page and download shares: its language, absolute links, preview tags and validators. */
final class PageSupport {

    private PageSupport() {
    }

    static String lang() {
        return Messages.supported(LocaleContextHolder.getLocale()).getLanguage();
    }

    /** The site's address as the reader reached it, without a trailing slash. */
    static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    /**
     * The page's common model: title and description (also for Open Graph and Twitter cards), the canonical
     * address, and the same page in each language.
     */
    static void page(Model model, Snapshot snapshot, String title, String description, String path) {
        String base = baseUrl();
        model.addAttribute("lang", lang());
        model.addAttribute("pageTitle", title);
        model.addAttribute("pageDescription", description);
        model.addAttribute("canonicalUrl", base + path);
        model.addAttribute("baseUrl", base);
        model.addAttribute("snapshot", snapshot);
        model.addAttribute("agencies", snapshot.agencies());
        Map<String, String> languages = new LinkedHashMap<>();
        for (String l : new String[] {"az", "en", "ru"}) {
            var uri = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("lang", l).build();
            languages.put(l, uri.getPath() + "?" + uri.getQuery());
        }
        model.addAttribute("languages", languages);
    }

    static boolean notModified(WebRequest request, HttpServletResponse response, Snapshot snapshot, boolean page,
                               String... variant) {
        return az.opengov.nap.portal.HttpCaching.notModified(request, response, snapshot, page, variant);
    }
}
