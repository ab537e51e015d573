package az.opengov.nap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.support.EngineJobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The core's promise, through the JSON API as a client would use it: import a plan → its measures run → an agency
 * submits → the commission returns it with a comment → the agency resubmits → the commission approves → the report
 * is published. Refusals (another agency, invalid input, a return without comment) change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiEndToEndTest {

    static final String PASSWORD = "end-to-end-password";
    static final String PLAN = """
            section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,recommended,\
            period
            1,Elektron xidmətlərin təkmilləşdirilməsi,,,1.2,1.2,\
            "“Elektron hökumət” portalının mobil interfeysinin təkmilləşdirilməsi",Görülən tədbirlər,\
            Rabitə və Yüksək Texnologiyalar Nazirliyi,Milli Məclis,2016
            """;

    @Autowired
    TestRestTemplate http;
    @Autowired
    UserDirectory users;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    /** The engine clock, which the whole system reads: fixed, so the test means the same on any day. */
    @BeforeEach
    void clock() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-25T08:00:00Z")));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @BeforeEach
    void users() {
        create(new AppUser("e2e-admin", "Admin", null, "az", null, false, true, true));
        create(new AppUser("e2e-reviewer", "Reviewer", null, "az", "ACC", true, false, true));
        create(new AppUser("e2e-mcht", "Ministry", null, "az", "MCHT", false, false, true));
        create(new AppUser("e2e-edu", "Other ministry", null, "en", "EDU", false, false, true));
    }

    private void create(AppUser user) {
        if (!users.exists(user.username())) {
            users.create(user, PASSWORD);
        }
    }

    @Test
    void importSubmitReturnResubmitApprovePublish() throws Exception {
        // import: the plan's 2016 becomes 2026, so the first half-year's report is overdue on 25 November
        int shift = 10;
        ResponseEntity<String> imported = importPlan("E2E", shift);
        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("E2E:1.2").count()).isEqualTo(1);

        // re-importing the same plan creates nothing
        importPlan("E2E", shift);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("E2E:1.2").count()).isEqualTo(1);

        EngineJobs.runDue(management, e2eInstance());
        List<JsonNode> tasks = e2eTasks("e2e-mcht");
        assertThat(tasks).hasSize(1);
        JsonNode task = tasks.get(0);
        String taskId = task.path("taskId").asText();
        assertThat(task.path("measureCode").asText()).isEqualTo("1.2");
        assertThat(task.path("kind").asText()).isEqualTo("REPORT");

        // another agency can neither see nor act on it
        assertThat(exchange("e2e-edu", HttpMethod.GET, "/api/tasks/" + taskId, null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange("e2e-edu", HttpMethod.POST, "/api/tasks/" + taskId + "/submit", report("x"))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // a reviewer does not submit on an agency's behalf
        assertThat(exchange("e2e-reviewer", HttpMethod.POST, "/api/tasks/" + taskId + "/submit", report("x"))
                .getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);

        // an incomplete submission names the fields at fault and leaves the task open
        ResponseEntity<String> invalid = exchange("e2e-mcht", HttpMethod.POST, "/api/tasks/" + taskId + "/submit",
                Map.of("completionLevel", "LIMITED", "evidenceLinks", "not a link"));
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        JsonNode problem = json.readTree(invalid.getBody());
        assertThat(problem.path("errors").findValuesAsText("field"))
                .contains("whatWasDone", "indicatorValues", "evidenceLinks");
        assertThat(problem.path("detail").asText()).contains("düzgün");
        assertThat(e2eTasks("e2e-mcht")).hasSize(1);

        // save a draft, then submit it
        assertThat(exchange("e2e-mcht", HttpMethod.PUT, "/api/tasks/" + taskId + "/draft", report("Birinci versiya"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> submitted = exchange("e2e-mcht", HttpMethod.POST, "/api/tasks/" + taskId + "/submit",
                null);
        assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(submitted.getBody()).path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(e2eTasks("e2e-mcht")).isEmpty();

        // the commission's queue; a return needs a comment
        String reviewTask = reviewTask();
        ResponseEntity<String> noComment = exchange("e2e-reviewer", HttpMethod.POST,
                "/api/reviews/" + reviewTask + "/decision", Map.of("decision", "RETURNED"));
        assertThat(noComment.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(noComment.getBody()).path("errors").findValuesAsText("field")).contains("comment");
        // an administrator does not decide for the commission
        assertThat(exchange("e2e-admin", HttpMethod.POST, "/api/reviews/" + reviewTask + "/decision",
                Map.of("decision", "APPROVED")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange("e2e-reviewer", HttpMethod.POST, "/api/reviews/" + reviewTask + "/decision",
                Map.of("decision", "RETURNED", "comment", "Rəqəmləri əlavə edin")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        // acting twice on the same review: the second is told it is closed
        assertThat(exchange("e2e-reviewer", HttpMethod.POST, "/api/reviews/" + reviewTask + "/decision",
                Map.of("decision", "APPROVED")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // back at the agency, marked returned, with the reviewer's comment in its history
        JsonNode again = e2eTasks("e2e-mcht").get(0);
        assertThat(again.path("returned").asBoolean()).isTrue();
        String revisionTask = again.path("taskId").asText();
        JsonNode detail = get("e2e-mcht", "/api/tasks/" + revisionTask);
        assertThat(detail.path("history").get(0).path("reviewerComment").asText()).isEqualTo("Rəqəmləri əlavə edin");
        assertThat(detail.path("history").get(0).path("status").asText()).isEqualTo("RETURNED");

        // resubmitted as version 2, approved, published
        assertThat(exchange("e2e-mcht", HttpMethod.POST, "/api/tasks/" + revisionTask + "/submit",
                report("İkinci versiya: 12 təqdimat, 340 iştirakçı")).getStatusCode()).isEqualTo(HttpStatus.OK);
        String secondReview = reviewTask();
        assertThat(exchange("e2e-reviewer", HttpMethod.POST, "/api/reviews/" + secondReview + "/decision",
                Map.of("decision", "APPROVED", "completionLevel", "SUBSTANTIAL")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        EngineJobs.runDue(management, e2eInstance());

        JsonNode measure = json.readTree(
                http.getForEntity("/api/public/plans/E2E/measures/1.2", String.class).getBody());
        assertThat(measure.path("publications")).hasSize(1);
        assertThat(measure.path("publications").get(0).path("whatWasDone").asText())
                .isEqualTo("İkinci versiya: 12 təqdimat, 340 iştirakçı");
        assertThat(measure.path("measure").path("title").asText()).startsWith("“Elektron hökumət”");
        assertThat(measure.toString()).doesNotContain("Birinci versiya").doesNotContain("Rəqəmləri əlavə edin");

        String ofThisPlan = " measure_id in (select id from measure where plan_code = 'E2E')";
        assertThat(jdbc.sql("select count(*) from progress_report where agency_code = 'MCHT' and" + ofThisPlan)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from publication where" + ofThisPlan).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select status from cycle_participant where agency_code = 'MCHT' and cycle_number = 1 and"
                + ofThisPlan).query(String.class).single()).isEqualTo("PUBLISHED");
    }

    private String e2eInstance() {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey("E2E:1.2").singleResult().getId();
    }

    private String reviewTask() throws Exception {
        List<JsonNode> queue = new java.util.ArrayList<>();
        get("e2e-reviewer", "/api/reviews?size=200").forEach(item -> {
            if ("E2E".equals(item.path("planCode").asText())) {
                queue.add(item);
            }
        });
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).path("agencyCode").asText()).isEqualTo("MCHT");
        return queue.get(0).path("taskId").asText();
    }

    private static Map<String, String> report(String done) {
        return Map.of("completionLevel", "SUBSTANTIAL", "whatWasDone", done,
                "indicatorValues", "Mobil interfeys yenilənib", "evidenceLinks", "https://e-gov.az");
    }

    private ResponseEntity<String> importPlan(String code, int shift) {
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("file", new ByteArrayResource(PLAN.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "plan.csv";
            }
        });
        body.add("planCode", code);
        body.add("title", "End-to-end plan");
        body.add("firstYear", "2016");
        body.add("lastYear", "2016");
        body.add("yearShift", Integer.toString(shift));
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("e2e-admin", PASSWORD);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.exchange("/api/admin/plans/import", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    /** The user's open tasks of this test's plan: other classes sharing the context may leave tasks of their own. */
    private List<JsonNode> e2eTasks(String user) throws Exception {
        JsonNode page = get(user, "/api/tasks?size=200");
        assertThat(page.path("total").asLong()).isLessThanOrEqualTo(200);
        List<JsonNode> mine = new java.util.ArrayList<>();
        page.path("items").forEach(item -> {
            if ("E2E".equals(item.path("planCode").asText())) {
                // the list shows each task's measure by its title, read with the page
                assertThat(item.path("measureTitle").asText()).as(item.toString()).isNotBlank();
                mine.add(item);
            }
        });
        return mine;
    }

    private JsonNode get(String user, String path) throws Exception {
        ResponseEntity<String> r = exchange(user, HttpMethod.GET, path, null);
        assertThat(r.getStatusCode()).as(path + ": " + r.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(r.getBody());
    }

    private ResponseEntity<String> exchange(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, PASSWORD);
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, "az");
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
