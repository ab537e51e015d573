package az.opengov.nap.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.context.ActiveProfiles;

/** OIDC off (the default, no spring.security.oauth2.* at all): the application starts and nothing of it shows. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OidcDisabledTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void noRegistrationNoOidcBeansNoEndpointsNoButton() throws Exception {
        assertThat(context.getBeansOfType(ClientRegistrationRepository.class)).isEmpty();
        assertThat(context.getBeansOfType(OidcLogin.class)).isEmpty();
        assertThat(context.getBeansOfType(OidcUserProvisioning.class)).isEmpty();

        for (String path : new String[] {"/oauth2/authorization/gov", "/login/oauth2/code/gov?code=x&state=y"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
        HttpResponse<String> login = get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("id=\"sign-in\"").doesNotContain("sign-in-oidc")
                .doesNotContain("/oauth2/authorization");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
