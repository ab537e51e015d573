package az.opengov.nap.workspace;

import static az.opengov.nap.workspace.WorkspaceFixture.COORDINATOR;
import static az.opengov.nap.workspace.WorkspaceFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import az.opengov.nap.reporting.ReportContent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Promise 2: a retried submission (a lost answer, a double click, a second node) returns the first result and
 * submits nothing more; a key reused for other content or a malformed key is refused and changes nothing.
 */
class IdempotentSubmitTest extends WorkspaceTestBase {

    static final String REPORT = RaceTest.REPORT;

    @Autowired
    TestRestTemplate http;
    @Autowired
    MockMvc mvc;

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndSubmitsNothingMore() {
        String taskId = WorkspaceFixture.reportTask(worklist, measure, "MCHT").taskId();
        String key = UUID.randomUUID().toString();

        ResponseEntity<JsonNode> first = submit(taskId, key, REPORT, "en");
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        long reportId = first.getBody().path("reportId").asLong();

        ResponseEntity<JsonNode> retry = submit(taskId, key, REPORT, "en");
        assertThat(retry.getStatusCode().value()).isEqualTo(200);
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(submittedReports()).containsExactly(reportId);

        // the same key with other content: refused, in the client's language
        ResponseEntity<JsonNode> other = submit(taskId, key, REPORT.replace("3 xidmət", "4 xidmət"), "ru");
        assertThat(other.getStatusCode().value()).isEqualTo(422);
        assertThat(other.getBody().path("code").asText()).isEqualTo("error.idempotency.mismatch");
        assertThat(other.getBody().path("detail").asText()).contains("Idempotency-Key", "другим содержимым");

        // without the key a second submit is an ordinary conflict: the task is done
        assertThat(submit(taskId, null, REPORT, "en").getStatusCode().value()).isEqualTo(409);
        assertThat(submittedReports()).containsExactly(reportId);
    }

    @Test
    void aMalformedKeyIsRefusedAndChangesNothing() {
        String taskId = WorkspaceFixture.reportTask(worklist, measure, "MCHT").taskId();
        for (String bad : new String[] {"short", "has spaces in it", "x".repeat(101), "slashes/are/not/allowed"}) {
            ResponseEntity<JsonNode> answer = submit(taskId, bad, REPORT, "az");
            assertThat(answer.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(answer.getBody().path("code").asText()).isEqualTo("error.idempotency.malformed");
        }
        assertThat(submittedReports()).isEmpty();
        assertThat(worklist.find(taskId).orElseThrow().state()).isEqualTo("OPEN");
    }

    @Test
    void retriesRacingTheFirstAttemptAllGetItsAnswer() throws Exception {
        String taskId = WorkspaceFixture.reportTask(worklist, measure, "MCHT").taskId();
        String key = UUID.randomUUID().toString();
        List<ResponseEntity<JsonNode>> answers = RaceTest.race(i -> submit(taskId, key, REPORT, "az"));
        assertThat(answers).extracting(a -> a.getStatusCode().value()).containsOnly(200);
        assertThat(answers).extracting(a -> a.getBody().path("reportId").asLong())
                .containsOnly(submittedReports().get(0));
        assertThat(answers).filteredOn(a -> a.getHeaders().getFirst("Idempotent-Replayed") == null).hasSize(1);
        assertThat(submittedReports()).hasSize(1);
    }

    @Test
    void theConfirmedFormSentTwiceSubmitsOnce() throws Exception {
        String taskId = WorkspaceFixture.reportTask(worklist, measure, "MCHT").taskId();
        execution.saveDraft(taskId, new ReportContent("SUBSTANTIAL", "Portal işə salınıb", "3 xidmət", null, null,
                null), COORDINATOR);
        String token = UUID.randomUUID().toString();
        for (int click = 0; click < 2; click++) {
            mvc.perform(post("/workspace/tasks/" + taskId + "/submit").param("submissionKey", token)
                            .with(user(COORDINATOR.username())).with(csrf()))
                    .andExpect(status().isFound())
                    .andExpect(redirectedUrl("/workspace/tasks/" + taskId));
        }
        assertThat(submittedReports()).hasSize(1);
    }

    List<Long> submittedReports() {
        return jdbc.sql("""
                select id from progress_report
                where measure_id = ? and agency_code = 'MCHT' and status = 'SUBMITTED'""")
                .param(measure.id()).query(Long.class).list();
    }

    ResponseEntity<JsonNode> submit(String taskId, String key, String json, String lang) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, lang);
        headers.setBasicAuth(COORDINATOR.username(), PASSWORD);
        if (key != null) {
            headers.set("Idempotency-Key", key);
        }
        return http.exchange("/api/tasks/" + taskId + "/submit", HttpMethod.POST, new HttpEntity<>(json, headers),
                JsonNode.class);
    }
}
