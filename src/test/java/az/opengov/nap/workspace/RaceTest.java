package az.opengov.nap.workspace;

import static az.opengov.nap.workspace.WorkspaceFixture.COLLEAGUE;
import static az.opengov.nap.workspace.WorkspaceFixture.COORDINATOR;
import static az.opengov.nap.workspace.WorkspaceFixture.PASSWORD;
import static az.opengov.nap.workspace.WorkspaceFixture.REVIEWER;
import static az.opengov.nap.workspace.WorkspaceFixture.REVIEWER2;
import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.support.EngineJobs;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Promise 3: many people (or nodes) acting on the same task at the same instant. A barrier releases the threads
 * together through the JSON API; one wins, every other one gets a clear {@code 409} problem in its language (never a
 * 500), and the task leaves one history entry, one report version, one review decision, one mail per recipient.
 */
class RaceTest extends WorkspaceTestBase {

    static final int THREADS = 8;
    static final String REPORT = """
            {"completionLevel":"SUBSTANTIAL","whatWasDone":"Portal işə salınıb","indicatorValues":"3 xidmət"}""";

    @Autowired
    TestRestTemplate http;
    @Autowired
    HistoryService history;

    @Test
    void manySubmitsOfOneTaskHaveOneWinnerAndTheOthersAConflict() throws Exception {
        String taskId = WorkspaceFixture.reportTask(worklist, measure, "MCHT").taskId();
        List<ResponseEntity<JsonNode>> answers = race(i -> post(i % 2 == 0 ? COORDINATOR.username()
                : COLLEAGUE.username(), "/api/tasks/" + taskId + "/submit", REPORT, i % 3 == 0 ? "ru" : "en"));

        assertOneWinner(answers, 200);
        answers.stream().filter(a -> a.getStatusCode().value() == 409).forEach(a -> {
            assertThat(a.getHeaders().getContentType().toString()).contains("problem+json");
            assertThat(a.getBody().path("code").asText()).isIn("error.concurrentChange", "error.task.closed");
        });
        assertThat(jdbc.sql("""
                select count(*) from progress_report
                where measure_id = ? and agency_code = 'MCHT' and status = 'SUBMITTED'""")
                .param(measure.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'REPORT_SUBMITTED' and details like ?")
                .param("%" + measure.code() + "%").query(Long.class).single()).isLessThanOrEqualTo(1);

        EngineJobs.runDue(management, measure.processInstanceId());
        // the commission hears of it once per reviewer with an address: the outbox holds no duplicate
        List<Map<String, Object>> waiting = jdbc.sql("""
                select recipient, count(*) as n from mail_outbox where kind = 'REVIEW_WAITING' and measure_id = ?
                group by recipient""").param(measure.id()).query().listOfRows();
        assertThat(waiting).allSatisfy(r -> assertThat(((Number) r.get("n")).intValue()).isEqualTo(1));
        assertThat(WorkspaceFixture.reviewTask(worklist, measure, "MCHT")).isNotNull();
    }

    @Test
    void reviewersDecidingTheSameReportAtOnceLeaveOneDecisionAndOnePublication() throws Exception {
        String submit = WorkspaceFixture.reportTask(worklist, measure, "MCHT").taskId();
        assertThat(post(COORDINATOR.username(), "/api/tasks/" + submit + "/submit", REPORT, "az")
                .getStatusCode().value()).isEqualTo(200);
        EngineJobs.runDue(management, measure.processInstanceId());
        String review = WorkspaceFixture.reviewTask(worklist, measure, "MCHT").taskId();

        List<ResponseEntity<JsonNode>> answers = race(i -> post(i % 2 == 0 ? REVIEWER.username()
                : REVIEWER2.username(), "/api/reviews/" + review + "/decision", i % 3 == 0
                ? "{\"decision\":\"RETURNED\",\"comment\":\"İndikatorlar üzrə rəqəmləri əlavə edin\"}"
                : "{\"decision\":\"APPROVED\",\"completionLevel\":\"SUBSTANTIAL\"}", "az"));

        assertOneWinner(answers, 204);
        assertThat(jdbc.sql("""
                select count(*) from review_decision d join progress_report r on r.id = d.report_id
                where r.measure_id = ?""").param(measure.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(history.createHistoricTaskInstanceQuery().taskId(review).finished().count()).isEqualTo(1);
        EngineJobs.runDue(management, measure.processInstanceId());
        String decision = jdbc.sql("""
                select d.decision from review_decision d join progress_report r on r.id = d.report_id
                where r.measure_id = ?""").param(measure.id()).query(String.class).single();
        long published = jdbc.sql("select count(*) from publication where measure_id = ?").param(measure.id())
                .query(Long.class).single();
        assertThat(published).isEqualTo("APPROVED".equals(decision) ? 1 : 0);
        String kind = "APPROVED".equals(decision) ? "PUBLISHED" : "RETURNED";
        List<Map<String, Object>> mails = jdbc.sql("""
                select recipient, count(*) as n from mail_outbox where kind = ? and measure_id = ?
                group by recipient""").params(kind, measure.id()).query().listOfRows();
        assertThat(mails).isNotEmpty().allSatisfy(r -> assertThat(((Number) r.get("n")).intValue()).isEqualTo(1));
    }

    static void assertOneWinner(List<ResponseEntity<JsonNode>> answers, int success) {
        assertThat(answers).extracting(a -> a.getStatusCode().value())
                .as("one winner, every other one told of the conflict")
                .containsOnly(success, 409)
                .filteredOn(s -> s == success).hasSize(1);
    }

    /** Releases {@link #THREADS} calls at once with a barrier and collects every answer. */
    static <T> List<T> race(IntFunction<T> call) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    return call.apply(n);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    ResponseEntity<JsonNode> post(String user, String path, String json, String lang) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, lang);
        headers.setBasicAuth(user, PASSWORD);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), JsonNode.class);
    }
}
