package az.opengov.nap.portal;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The portal's tests share one application with the known content of {@link PortalFixture}, seen on its day. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class PortalTestBase {

    @Autowired
    ApplicationContext context;
    @Autowired
    TestRestTemplate http;

    @BeforeEach
    void fixture() {
        PortalFixture.ensure(context);
        PortalFixture.now();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    ResponseEntity<String> get(String path, String... headers) {
        HttpHeaders h = new HttpHeaders();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(h), String.class);
    }

    ResponseEntity<byte[]> bytes(String path) {
        return http.getForEntity(path, byte[].class);
    }
}
