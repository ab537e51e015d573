package az.opengov.nap.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The monitoring JSON API and the exports over real HTTP: administrators only, the same filters as the page, a 400
 * that names each bad parameter in the caller's language, and the files holding the rows the page shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MonitoringApiTest {

    static final String PASSWORD = "monitoring-api-passphrase";

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;
    @Autowired
    az.opengov.nap.plan.PlanImportService imports;
    @Autowired
    az.opengov.nap.plan.PlanService plans;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;

    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void users() {
        if (!users.exists("mapi-admin")) {
            users.create(new AppUser("mapi-admin", "Admin", null, "az", null, false, true, true), PASSWORD);
            users.create(new AppUser("mapi-edu", "Edu", null, "az", "EDU", false, false, true), PASSWORD);
            users.create(new AppUser("mapi-reviewer", "Reviewer", null, "az", "ACC", true, false, true), PASSWORD);
        }
    }

    @Test
    void onlyAdministratorsReadTheDashboard() throws Exception {
        assertThat(get("/api/admin/monitoring/overdue", null, "en").statusCode()).isEqualTo(401);
        assertThat(get("/api/admin/monitoring/overdue", "mapi-edu", "en").statusCode()).isEqualTo(403);
        assertThat(get("/api/admin/monitoring/overdue", "mapi-reviewer", "en").statusCode()).isEqualTo(403);
        assertThat(get("/api/admin/monitoring/agencies/EDU", "mapi-edu", "en").statusCode()).isEqualTo(403);
        assertThat(get("/api/admin/monitoring/measures/1", "mapi-edu", "en").statusCode()).isEqualTo(403);
        HttpResponse<String> ok = get("/api/admin/monitoring/overdue?kind=review&role=executor&sort=agency&dir=asc"
                + "&page=0&size=10", "mapi-admin", "en");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(ok.body());
        assertThat(body.path("filter").path("kind").asText()).isEqualTo("review");
        assertThat(body.path("filter").path("size").asInt()).isEqualTo(10);
        assertThat(body.has("tiles")).isTrue();
        assertThat(body.path("buckets").has("days31plus")).isTrue();
        assertThat(body.path("buckets").path("total").asLong()).isEqualTo(body.path("total").asLong());
        assertThat(body.has("hasNext")).isTrue();
        JsonNode agency = json.readTree(get("/api/admin/monitoring/agencies/EDU", "mapi-admin", "en").body());
        assertThat(agency.path("code").asText()).isEqualTo("EDU");
        assertThat(agency.path("name").asText()).isEqualTo("Ministry of Education of the Republic of Azerbaijan");
    }

    @Test
    void badFiltersAreA400NamingEachParameterInTheCallersLanguage() throws Exception {
        HttpResponse<String> en = get("/api/admin/monitoring/overdue?kind=late&size=1000&plan=NOPE", "mapi-admin",
                "en");
        assertThat(en.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(en.body());
        assertThat(problem.path("detail").asText()).isEqualTo("The filter is not valid.");
        assertThat(problem.path("errors")).extracting(e -> e.path("field").asText()).containsExactly("kind", "size");
        assertThat(problem.path("errors").get(0).path("message").asText())
                .isEqualTo("Kind \"late\" is unknown: use report or review.");
        HttpResponse<String> az = get("/api/admin/monitoring/overdue?plan=NOPE", "mapi-admin", "az");
        assertThat(az.statusCode()).isEqualTo(400);
        assertThat(json.readTree(az.body()).path("errors").get(0).path("message").asText())
                .isEqualTo("\"NOPE\" planı yoxdur.");
        HttpResponse<String> ru = get("/api/admin/monitoring/overdue?agency=NOPE", "mapi-admin", "ru");
        assertThat(json.readTree(ru.body()).path("errors").get(0).path("message").asText())
                .isEqualTo("Ведомства «NOPE» нет.");
        assertThat(get("/api/admin/monitoring/agencies/NOPE", "mapi-admin", "en").statusCode()).isEqualTo(404);
    }

    @Test
    void actionsWithBadInputAreRefusedAsAWhole() throws Exception {
        HttpResponse<String> r = send("POST", "/api/admin/monitoring/actions",
                "{\"action\":\"extend\",\"taskIds\":[\"x\"],\"reason\":\"\"}", "mapi-admin");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json.readTree(r.body()).path("errors")).extracting(e -> e.path("field").asText())
                .containsExactly("reason", "dueDate");
        HttpResponse<String> gone = send("POST", "/api/admin/monitoring/actions",
                "{\"action\":\"remind\",\"taskIds\":[\"no-such-task\"],\"reason\":\"Gecikir\"}", "mapi-admin");
        assertThat(gone.statusCode()).isEqualTo(200);
        JsonNode item = json.readTree(gone.body()).path("items").get(0);
        assertThat(item.path("done").asBoolean()).isFalse();
    }

    @Test
    void theExportsAreCsvWithBomAndXlsxWithTheSameColumns() throws Exception {
        HttpResponse<byte[]> csv = bytes("/admin/monitoring/export.csv?kind=report&size=5", "mapi-admin");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        byte[] b = csv.body();
        assertThat(new byte[] {b[0], b[1], b[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(b, StandardCharsets.UTF_8)).contains("task_id,kind,plan,section,measure");
        HttpResponse<byte[]> xlsx = bytes("/admin/monitoring/export.xlsx?kind=review", "mapi-admin");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("task_id");
            assertThat(book.getSheetAt(0).getRow(0).getLastCellNum()).isEqualTo((short) 14);
        }
        assertThat(bytes("/admin/monitoring/export.csv?sort=nonsense", "mapi-admin").statusCode()).isEqualTo(400);
        assertThat(bytes("/admin/monitoring/export.csv", "mapi-edu").statusCode()).isEqualTo(403);
    }

    @Test
    void theIncidentsPageListsAFailedJobAndRetriesIt() throws Exception {
        String plan = "MAPI-" + Long.toString(System.nanoTime(), 36).toUpperCase();
        imports.commit(new az.opengov.nap.plan.ImportRequest(plan, "Incidents", 2016, 2016, 10,
                az.opengov.nap.plan.PlanCalendar.DEFAULT, false, ("section,section_title,subsection,subsection_title,"
                + "code,printed_code,title,indicators,executors,recommended,period\n1,Bölmə,,,1.1,1.1,Tədbir,İndikator,"
                + "Təhsil Nazirliyi,,2016\n").getBytes(StandardCharsets.UTF_8), "plan.csv", "test"));
        String instance = plans.findMeasure(plan, "1.1").orElseThrow().processInstanceId();
        org.camunda.bpm.engine.runtime.Job job = management.createJobQuery().processInstanceId(instance).list().get(0);
        management.setJobRetries(job.getId(), 0);

        String session = login("mapi-admin");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/admin/incidents?lang=en")).header("Cookie", session).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-job=\"" + job.getId() + "\"",
                "/camunda/app/cockpit/default/#/process-instance/" + instance,
                "action=\"/admin/incidents/jobs/" + job.getId() + "/retry\"", ">Retry<");
        java.util.regex.Matcher token = java.util.regex.Pattern
                .compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();
        HttpResponse<String> retried = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/admin/incidents/jobs/" + job.getId() + "/retry")).header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getRetries()).isEqualTo(1);

        // as a browser follows the retry's redirect (its notice shown once); then measures on an older process model:
        // none here, and moving them moves none (the move itself: MeasureAdministrationTest)
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/admin/incidents?lang=en")).header("Cookie", session).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.body()).contains("id=\"notice\"", "id=\"model\"",
                "Every measure runs on the current model (1.5.0).").doesNotContain("id=\"migrate\"");
        HttpResponse<String> migrated = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/admin/incidents/process-model/migrate")).header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(migrated.statusCode()).isEqualTo(302);
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/admin/incidents?lang=en")).header("Cookie", session).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.body()).contains("Measures moved onto model 1.5.0: 0.");
    }

    private HttpResponse<String> get(String path, String user, String lang) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .header("Accept-Language", lang);
        auth(b, user);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Accept-Language", "en")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        auth(b, user);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A page's bytes for a user signed in through the login form (pages take no HTTP Basic). */
    private HttpResponse<byte[]> bytes(String path, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .header("Cookie", login(user));
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String login(String user) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher token = java.util.regex.Pattern
                .compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                .matcher(form.body());
        assertThat(token.find()).isTrue();
        String csrf = token.group(1) != null ? token.group(1) : token.group(2);
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Cookie", cookie(form)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + PASSWORD + "&_csrf="
                        + csrf)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(302);
        return cookie(done);
    }

    private static String cookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse("");
    }

    private static void auth(HttpRequest.Builder b, String user) {
        if (user != null) {
            b.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
