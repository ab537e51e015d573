package az.opengov.nap.shared.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * Does, beside the start, what the first page after a start would otherwise do on its reader's request: load and
 * initialize Thymeleaf's parser, dialect and expression classes and the HTML escaping tables (unbescape indexes every
 * HTML5 entity on first use: about half of the first page's own work on a cold JVM). It renders a small template of
 * the portal's kind a few times on a daemon thread while the context is still being built, as Spring Boot's own
 * background pre-initializer does for Jackson and validation; it touches no bean and no data, and if it fails the
 * first reader only pays that time again. Registered in {@code META-INF/spring.factories}; it does nothing for an
 * application without a servlet web server (a command-line import) or when Spring Boot's
 * {@code spring.backgroundpreinitializer.ignore} system property is {@code true}.
 */
public class TemplatePreinitializer implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(TemplatePreinitializer.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** The constructs the templates use most (text, conditions, loops, links, attributes), with text to escape. */
    static final String TEMPLATE = """
            <!DOCTYPE html>
            <html th:lang="${lang}"><head><title th:text="${title}">t</title></head>
            <body><ul><li th:each="item, row : ${items}" th:if="${item != null}" th:classappend="${row.odd} ? 'odd'">
            <a th:href="@{https://portal.example/plans/{code}(code=${item},lang=${lang})}" th:text="${item}"
               th:attr="aria-label=${title}">x</a><span th:unless="${row.last}" th:text="${row.count}">1</span>
            </li></ul><p th:text="${#strings.toUpperCase(title)} + ' ' + ${#lists.size(items)}">p</p></body></html>""";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (event.getSpringApplication().getWebApplicationType() != WebApplicationType.SERVLET
                || Boolean.getBoolean("spring.backgroundpreinitializer.ignore")
                || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                warm();
            } catch (RuntimeException | LinkageError e) {
                log.debug("Template pre-initialization failed; the first page pays for it instead", e);
            }
        }, "template-preinit");
        thread.setDaemon(true);
        thread.start();
    }

    /** Renders {@link #TEMPLATE} a few times with a throwaway engine and returns the last result. */
    static String warm() {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCacheable(false);
        engine.setTemplateResolver(resolver);
        Context context = new Context(Locale.ROOT, Map.of("lang", "az", "title", "Açıq hökumət & <şəffaflıq>",
                "items", List.of("1.1", "2.3 <b>", "Ədliyyə \"Nazirliyi\"")));
        String page = "";
        for (int i = 0; i < 5; i++) {
            page = engine.process(TEMPLATE, context);
        }
        return page;
    }
}
