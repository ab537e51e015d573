package az.opengov.nap.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.ProblemHandler;
import az.opengov.nap.shared.TransientFailure;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The database out of reach: a 503 with Retry-After, a problem document for the API, a page for people. */
class DatabaseUnavailableFilterTest {

    private final DatabaseUnavailableFilter filter = new DatabaseUnavailableFilter(answers());

    /** As the application makes them: its messages, and a JSON mapper as Spring Boot's (no null fields). */
    static ProblemAnswers answers() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/messages", "i18n/operations");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        Messages messages = new Messages(source);
        return new ProblemAnswers(new ProblemHandler(messages), messages,
                org.springframework.http.converter.json.Jackson2ObjectMapperBuilder.json()
                        .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL).build());
    }

    @Test
    void anApiClientGetsAProblemInItsLanguage() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/tasks");
        request.addHeader("Accept-Language", "en");
        request.addPreferredLocale(java.util.Locale.ENGLISH);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.unavailable(request, response);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo(String.valueOf(TransientFailure.RETRY_AFTER_SECONDS));
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"urn:nap:problem:error.unavailable\","
                + "\"title\":\"Service temporarily unavailable\",\"status\":503,\"detail\":\"The database is "
                + "temporarily unavailable. Nothing was changed; please try again in a few seconds.\","
                + "\"code\":\"error.unavailable\"}");
    }

    @Test
    void aPersonGetsAShortPageInTheChosenLanguage() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/workspace");
        request.setCookies(new jakarta.servlet.http.Cookie(LocaleConfig.COOKIE, "ru"));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.unavailable(request, response);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNotNull();
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString()).startsWith("<!DOCTYPE html><html lang=\"ru\">")
                .contains("<h1>Сервис временно недоступен</h1>", "База данных временно недоступна.");
    }
}
