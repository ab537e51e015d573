package az.opengov.nap.security;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.support.EngineJobs;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorklistService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Who may call what, over real HTTP: every kind of endpoint × {anonymous, agency A on its own data, agency A on agency
 * B's data, reviewer, admin} → the expected status, with nothing changed by a refused call; then passwords,
 * throttling, session, CSRF, headers, revocation, engine hardening, and the audit rows each scenario leaves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {

    static final String PASSWORD = "access-control-passphrase";
    static final String PLAN = """
            section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,recommended,\
            period
            1,Bölmə,,,1.1,1.1,Birinci tədbir,İndikator,Rabitə və Yüksək Texnologiyalar Nazirliyi;Təhsil Nazirliyi,,2016
            """;

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;
    @Autowired
    PlanImportService imports;
    @Autowired
    PlanService plans;
    @Autowired
    WorklistService worklist;
    @Autowired
    MeasureExecutionService execution;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient jdbc;

    String mchtTask;
    String eduTask;
    String reviewTask;
    long mchtReport;

    @BeforeEach
    void clock() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-25T08:00:00Z")));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @BeforeEach
    void data() {
        if (mchtTask != null) {
            return;
        }
        create("acl-admin", null, false, true);
        create("acl-reviewer", "ACC", true, false);
        create("acl-mcht", "MCHT", false, false);
        create("acl-edu", "EDU", false, false);
        create("acl-moved", "EDU", false, false);
        imports.commit(new ImportRequest("ACL", "Access plan", 2016, 2016, 10, PlanCalendar.DEFAULT, false,
                PLAN.getBytes(StandardCharsets.UTF_8), "plan.csv", "test"));
        var measure = plans.findMeasure("ACL", "1.1").orElseThrow();
        EngineJobs.runDue(management, measure.processInstanceId());
        List<WorkItem> open = worklist.openForMeasure(measure.id());
        mchtTask = open.stream().filter(w -> "MCHT".equals(w.agencyCode())).findFirst().orElseThrow().taskId();
        eduTask = open.stream().filter(w -> "EDU".equals(w.agencyCode())).findFirst().orElseThrow().taskId();
        var edu = users.find("acl-edu").orElseThrow();
        execution.submit(eduTask, new az.opengov.nap.reporting.ReportContent("LIMITED", "Görülüb", "Dəyərlər", null,
                null, null), edu);
        reviewTask = worklist.openForMeasure(measure.id()).stream().filter(w -> w.kind().name().equals("REVIEW"))
                .findFirst().orElseThrow().taskId();
        mchtReport = execution.saveDraft(mchtTask, new az.opengov.nap.reporting.ReportContent(null, "Qaralama", null,
                null, null, null), users.find("acl-mcht").orElseThrow()).id();
    }

    private void create(String name, String agency, boolean reviewer, boolean admin) {
        if (!users.exists(name)) {
            users.create(new AppUser(name, name, null, "az", agency, reviewer, admin, true), PASSWORD);
        }
    }

    static final String ANON = null;

    record Call(String method, String path, String body) {
    }

    Stream<Arguments> matrix() {
        String submitBody = "{\"completionLevel\":\"LIMITED\",\"whatWasDone\":\"x\",\"indicatorValues\":\"y\"}";
        String decision = "{\"decision\":\"APPROVED\"}";
        List<Arguments> rows = new ArrayList<>();
        // call, then expected status for: anonymous, agency A (MCHT), agency B (EDU), reviewer, admin
        row(rows, new Call("GET", "/api/tasks", null), 401, 200, 200, 200, 200);
        row(rows, new Call("GET", "/api/tasks/" + mchtTask, null), 401, 200, 404, 404, 200);
        row(rows, new Call("PUT", "/api/tasks/" + mchtTask + "/draft", "{\"whatWasDone\":\"hijack\"}"),
                401, 200, 404, 404, 403);
        row(rows, new Call("POST", "/api/tasks/" + mchtTask + "/submit", "{\"whatWasDone\":\"\"}"),
                401, 422, 404, 404, 403);
        row(rows, new Call("GET", "/api/reviews", null), 401, 403, 403, 200, 403);
        row(rows, new Call("POST", "/api/reviews/" + reviewTask + "/decision", "{}"), 401, 403, 403, 422, 403);
        row(rows, new Call("POST", "/api/reviews/" + reviewTask + "/decision", decision), 401, 403, 403, 0, 403);
        row(rows, new Call("GET", "/api/admin/audit", null), 401, 403, 403, 403, 200);
        row(rows, new Call("GET", "/api/admin/users", null), 401, 403, 403, 403, 200);
        row(rows, new Call("POST", "/api/admin/measures/1/cancel", "{\"reason\":\"x\"}"), 401, 403, 403, 403, 0);
        row(rows, new Call("GET", "/api/admin/process-model/versions", null), 401, 403, 403, 403, 200);
        row(rows, new Call("POST", "/api/admin/process-model/migrate", null), 401, 403, 403, 403, 0);
        row(rows, new Call("GET", "/engine-rest/task/count", null), 401, 403, 403, 403, 200);
        row(rows, new Call("GET", "/engine-rest/process-definition", null), 401, 403, 403, 403, 200);
        row(rows, new Call("GET", "/api/admin/agencies", null), 401, 403, 403, 403, 200);
        row(rows, new Call("POST", "/api/admin/agencies/MUNICIPALITIES/members/EDU", null), 401, 403, 403, 403, 0);
        row(rows, new Call("GET", "/api/public/plans", null), 200, 200, 200, 200, 200);
        row(rows, new Call("GET", "/", null), 200, 200, 200, 200, 200);
        row(rows, new Call("GET", "/plans/ACL/measures/1.1", null), 200, 200, 200, 200, 200);
        row(rows, new Call("GET", "/admin/outbox", null), 302, 0, 0, 0, 0);
        row(rows, new Call("GET", "/admin/monitoring", null), 302, 0, 0, 0, 0);
        row(rows, new Call("GET", "/admin/monitoring/agencies/MCHT", null), 302, 0, 0, 0, 0);
        row(rows, new Call("GET", "/admin/monitoring/export.csv", null), 302, 0, 0, 0, 0);
        row(rows, new Call("GET", "/admin/incidents", null), 302, 0, 0, 0, 0);
        row(rows, new Call("GET", "/api/admin/monitoring/overdue", null), 401, 403, 403, 403, 200);
        row(rows, new Call("GET", "/api/admin/monitoring/agencies/MCHT", null), 401, 403, 403, 403, 200);
        row(rows, new Call("POST", "/api/admin/monitoring/actions",
                "{\"action\":\"cancel\",\"taskIds\":[\"" + mchtTask + "\"],\"reason\":\"x\"}"),
                401, 403, 403, 403, 0);
        row(rows, new Call("GET", "/api/admin/plans/ACL/export.csv", null), 401, 403, 403, 403, 200);
        row(rows, new Call("POST", "/api/admin/measures/1/amendments", "{\"title\":\"x\",\"reason\":\"x\"}"),
                401, 403, 403, 403, 0);
        row(rows, new Call("GET", "/admin/plans", null), 302, 0, 0, 0, 0);
        row(rows, new Call("GET", "/admin/plans/import", null), 302, 0, 0, 0, 0);
        row(rows, new Call("GET", "/admin/agencies", null), 302, 0, 0, 0, 0);
        row(rows, new Call("GET", "/admin/users", null), 302, 0, 0, 0, 0);
        row(rows, new Call("GET", "/workspace", null), 302, 0, 0, 0, 0);
        row(rows, new Call("GET", "/api/openapi", null), 200, 200, 200, 200, 200);
        // the API's Swagger UI: /api/docs sends the browser to its page, which loads its configuration and scripts
        row(rows, new Call("GET", "/api/docs", null), 302, 302, 302, 302, 302);
        row(rows, new Call("GET", "/api/swagger-ui/index.html", null), 200, 200, 200, 200, 200);
        row(rows, new Call("GET", "/api/swagger-ui/swagger-initializer.js", null), 200, 200, 200, 200, 200);
        row(rows, new Call("GET", "/api/openapi/swagger-config", null), 200, 200, 200, 200, 200);
        // operations: the health status for anyone (load balancers), metrics for administrators (HTTP Basic)
        row(rows, new Call("GET", "/actuator/health", null), 200, 200, 200, 200, 200);
        // (an administrator's 200 is in OperationsTest: Spring Boot's tests export metrics only where asked)
        row(rows, new Call("GET", "/actuator/prometheus", null), 401, 403, 403, 403, 0);
        return rows.stream();
    }

    private static void row(List<Arguments> rows, Call call, int... expected) {
        String[] who = {ANON, "acl-mcht", "acl-edu", "acl-reviewer", "acl-admin"};
        for (int i = 0; i < who.length; i++) {
            if (expected[i] != 0) {
                rows.add(Arguments.of(call.method() + " " + call.path(), who[i] == null ? "anonymous" : who[i], call,
                        expected[i]));
            }
        }
    }

    @ParameterizedTest(name = "{0} as {1} → {3}")
    @MethodSource("matrix")
    void everyEndpointAnswersEveryoneAsExpectedAndRefusalsChangeNothing(String name, String user, Call call,
                                                                       int expected) throws Exception {
        String before = state();
        HttpResponse<String> response = send(call.method(), call.path(), call.body(),
                "anonymous".equals(user) ? null : user);
        assertThat(response.statusCode()).as(name + " as " + user + ": " + response.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(state()).as("a refused call changes nothing").isEqualTo(before);
        }
    }

    /** The rows a refused call could have changed. */
    private String state() {
        return jdbc.sql("select count(*) from progress_report").query(Long.class).single() + "/"
                + jdbc.sql("select count(*) from review_decision").query(Long.class).single() + "/"
                + jdbc.sql("select max(coalesce(what_was_done, '')) from progress_report where id = ?")
                .param(mchtReport).query(String.class).single() + "/"
                + jdbc.sql("select count(*) from measure_action").query(Long.class).single();
    }

    @Test
    void monitoringPagesAreForAdministratorsOnly() throws Exception {
        String agency = login("acl-mcht");
        String reviewer = login("acl-reviewer");
        String admin = login("acl-admin");
        for (String path : List.of("/admin/monitoring", "/admin/incidents", "/admin/monitoring/agencies/MCHT",
                "/admin/monitoring/export.csv")) {
            assertThat(page(path, null).statusCode()).as(path).isEqualTo(302);
            assertThat(page(path, agency).statusCode()).as(path).isEqualTo(403);
            assertThat(page(path, reviewer).statusCode()).as(path).isEqualTo(403);
            assertThat(page(path, admin).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() throws Exception {
        var unknown = send("GET", "/api/tasks", null, "nobody-here", "whatever-password");
        var wrong = send("GET", "/api/tasks", null, "acl-edu", "wrong-password-123");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.body().replaceAll("\"timestamp\":\"[^\"]+\"", ""))
                .isEqualTo(wrong.body().replaceAll("\"timestamp\":\"[^\"]+\"", ""));
        assertThat(audit("LOGIN_FAILED", "acl-edu")).isPositive();
    }

    @Test
    void anApiClientsSignInsAreRecordedOnceAnHourNotOnEveryRequest() throws Exception {
        create("acl-api-client", "EDU", false, false);
        for (int i = 0; i < 3; i++) {
            assertThat(send("GET", "/api/tasks", null, "acl-api-client", PASSWORD).statusCode()).isEqualTo(200);
        }
        assertThat(audit("LOGIN", "acl-api-client")).isEqualTo(1);
        assertThat(jdbc.sql("select details || ' from ' || remote_address from audit_event where action = 'LOGIN'"
                + " and actor = 'acl-api-client'").query(String.class).single()).isEqualTo("HTTP Basic from 127.0.0.1");
        // a wrong password is still recorded every time
        send("GET", "/api/tasks", null, "acl-api-client", "wrong-password-1");
        send("GET", "/api/tasks", null, "acl-api-client", "wrong-password-2");
        assertThat(audit("LOGIN_FAILED", "acl-api-client")).isEqualTo(2);
    }

    /**
     * Every password is checked by the throttled provider alone: no user store is a bean of its own for Spring
     * Security to build a second, unthrottled check from (with both, it warned at every start that it used neither).
     */
    @Test
    void passwordsAreCheckedByTheThrottledProviderAlone(
            @Autowired org.springframework.context.ApplicationContext context) {
        assertThat(context.getBeanNamesForType(
                org.springframework.security.core.userdetails.UserDetailsService.class)).isEmpty();
        assertThat(context.getBeansOfType(org.springframework.security.authentication.AuthenticationProvider.class)
                .values()).singleElement().isInstanceOf(ThrottledAuthenticationProvider.class);
    }

    /**
     * The API's refusals at its door are problem documents in the client's language, as its other errors are: no or
     * wrong credentials a 401 with the Basic challenge, too many failures a 401 that says so with Retry-After, a
     * missing right a 403; the actuator's the same.
     */
    @Test
    void refusalsAtTheApisDoorAreProblemsInTheClientsLanguage() throws Exception {
        HttpResponse<String> anonymous = http(HttpRequest.newBuilder(uri("/api/tasks")).GET());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Realm\"");
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(anonymous.body()).contains("\"status\":401", "\"code\":\"error.unauthorized\"",
                "\"title\":\"Daxil olmaq lazımdır\"",
                "\"detail\":\"Daxil olmaq üçün düzgün istifadəçi adı və şifrə göndərin (HTTP Basic).\"");

        HttpResponse<String> wrong = http(HttpRequest.newBuilder(uri("/api/tasks")).GET()
                .header("Accept-Language", "en").header("Authorization", basic("acl-edu", "wrong-password-9")));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(wrong.body()).contains("\"title\":\"Sign-in required\"",
                "\"detail\":\"Send a valid user name and password to sign in (HTTP Basic).\"");

        HttpResponse<String> notAdmin = http(HttpRequest.newBuilder(uri("/api/admin/users")).GET()
                .header("Accept-Language", "ru").header("Authorization", basic("acl-edu", PASSWORD)));
        assertThat(notAdmin.statusCode()).isEqualTo(403);
        assertThat(notAdmin.body()).contains("\"status\":403", "\"code\":\"error.forbidden\"",
                "\"detail\":\"У вас нет прав на это действие.\"");

        create("acl-locked-out", "EDU", false, false);
        for (int i = 0; i < 6; i++) {
            send("GET", "/api/tasks", null, "acl-locked-out", "wrong-password-" + i);
        }
        HttpResponse<String> throttled = http(HttpRequest.newBuilder(uri("/api/tasks")).GET()
                .header("Authorization", basic("acl-locked-out", PASSWORD)));
        assertThat(throttled.statusCode()).isEqualTo(401);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 900L));
        assertThat(throttled.body()).contains("\"code\":\"error.login.throttled\"",
                "Çox sayda uğursuz cəhd edildi.");

        HttpResponse<String> metrics = http(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET()
                .header("Authorization", basic("acl-edu", PASSWORD)));
        assertThat(metrics.statusCode()).isEqualTo(403);
        assertThat(metrics.body()).contains("\"code\":\"error.forbidden\"");
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void repeatedFailuresAreThrottledForThatUserOnly() throws Exception {
        create("acl-throttled", "EDU", false, false);
        for (int i = 0; i < 6; i++) {
            send("GET", "/api/tasks", null, "acl-throttled", "wrong-password-" + i);
        }
        // even the right password waits now
        assertThat(send("GET", "/api/tasks", null, "acl-throttled", PASSWORD).statusCode()).isEqualTo(401);
        // others are not affected
        assertThat(send("GET", "/api/tasks", null, "acl-edu", PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void passwordsFollowThePolicyWhenAdministratorsSetThem() throws Exception {
        var tooShort = send("POST", "/api/admin/users", """
                {"username":"acl-new","displayName":"New","agencyCode":"EDU","password":"short"}""", "acl-admin");
        assertThat(tooShort.statusCode()).isEqualTo(422);
        assertThat(tooShort.body()).contains("password.tooShort");
        var common = send("POST", "/api/admin/users", """
                {"username":"acl-new","displayName":"New","agencyCode":"EDU","password":"password1234"}""",
                "acl-admin");
        assertThat(common.body()).contains("password.common");
        assertThat(users.exists("acl-new")).isFalse();
        var ok = send("POST", "/api/admin/users", """
                {"username":"acl-new","displayName":"New","agencyCode":"EDU","password":"üç ağac bir çay"}""",
                "acl-admin");
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(jdbc.sql("select password_hash from app_user where username = 'acl-new'").query(String.class)
                .single()).startsWith("{argon2}");
        assertThat(audit("USER_CREATED", "acl-admin")).isPositive();
    }

    @Test
    void aDisabledOrMovedUserLosesAccessAtOnce() throws Exception {
        assertThat(send("GET", "/api/tasks/" + eduTask, null, "acl-moved").statusCode()).isIn(200, 404);
        String session = login("acl-moved");
        assertThat(page("/workspace", session).statusCode()).isNotIn(302, 401, 403);
        var moved = send("PUT", "/api/admin/users/acl-moved", """
                {"displayName":"Moved","agencyCode":"MCHT","reviewer":false,"admin":false,"enabled":true}""",
                "acl-admin");
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/tasks/" + mchtTask, null, "acl-moved").statusCode()).isEqualTo(200);
        var disabled = send("PUT", "/api/admin/users/acl-moved", """
                {"displayName":"Moved","agencyCode":"MCHT","reviewer":false,"admin":false,"enabled":false}""",
                "acl-admin");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/tasks", null, "acl-moved").statusCode()).isEqualTo(401);
        // the open browser session ends with the next request
        assertThat(page("/workspace", session).statusCode()).isEqualTo(302);
        assertThat(audit("USER_CHANGED", "acl-admin")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void camundaWebappsAndTheirSetupAreForAdministratorsOnly() throws Exception {
        assertThat(page("/camunda/app/cockpit/default/", null).statusCode()).isEqualTo(302);
        assertThat(page("/camunda/app/cockpit/default/", login("acl-mcht")).statusCode()).isEqualTo(403);
        String admin = login("acl-admin");
        HttpResponse<String> cockpit = page("/camunda/app/cockpit/default/", admin);
        assertThat(cockpit.statusCode()).as(cockpit.headers().firstValue("Location").orElse("")).isEqualTo(200);
        HttpResponse<String> setup = http(HttpRequest.newBuilder(uri("/camunda/api/admin/setup/default/user/create"))
                .header("Cookie", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"profile\":{\"id\":\"x\"},\"credentials\":{}}")));
        assertThat(setup.statusCode()).isEqualTo(403);
    }

    @Test
    void administratorsKeepTheAgencyRegistryAndItsCollectives() throws Exception {
        var created = send("POST", "/api/admin/agencies", """
                {"code":"ACL_NEW","kind":"STATE_AGENCY","nameAz":"Yeni Dövlət Agentliyi",
                 "emails":["hesabat@acl-new.demo.opengov.example"],"aliases":["yeni agentlik"]}""", "acl-admin");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var bad = send("POST", "/api/admin/agencies", """
                {"code":"bad code","kind":"STATE_AGENCY","nameAz":"","emails":["not-an-address"]}""", "acl-admin");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("\"code\"", "nameAz", "emails");
        var member = send("POST", "/api/admin/agencies/CENTRAL_EXEC/members/ACL_NEW", null, "acl-admin");
        assertThat(member.statusCode()).isEqualTo(200);
        assertThat(member.body()).contains("ACL_NEW");
        var renamed = send("PUT", "/api/admin/agencies/ACL_NEW", """
                {"kind":"STATE_AGENCY","nameAz":"Yeni Dövlət Agentliyi (yeni ad)","emails":[]}""", "acl-admin");
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(renamed.body()).contains("yeni ad");
        var removed = send("DELETE", "/api/admin/agencies/CENTRAL_EXEC/members/ACL_NEW", null, "acl-admin");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.body()).doesNotContain("ACL_NEW");
        assertThat(audit("AGENCY_CREATED", "acl-admin")).isEqualTo(1);
        assertThat(audit("AGENCY_MEMBER_ADDED", "acl-admin")).isEqualTo(1);
        assertThat(audit("AGENCY_MEMBER_REMOVED", "acl-admin")).isEqualTo(1);
        assertThat(audit("AGENCY_CHANGED", "acl-admin")).isEqualTo(1);
    }

    @Test
    void engineQueriesRefuseExpressions() throws Exception {
        var response = send("GET", "/engine-rest/task?dueBeforeExpression=%24%7Bnow()%7D", null, "acl-admin");
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void sessionIdRotatesAtLoginAndFormsNeedTheirCsrfToken() throws Exception {
        HttpResponse<String> loginPage = http(HttpRequest.newBuilder(uri("/login")).GET());
        String before = cookie(loginPage);
        String session = login("acl-edu");
        assertThat(session).isNotEqualTo(before);
        HttpResponse<String> noToken = http(HttpRequest.newBuilder(uri("/logout")).header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(cookieHeader(loginPage)).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void pagesSendSecurityHeadersAndHstsBehindTls() throws Exception {
        HttpResponse<String> page = http(HttpRequest.newBuilder(uri("/login")).GET());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").contains("frame-ancestors");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
        HttpResponse<String> tls = http(HttpRequest.newBuilder(uri("/login")).header("X-Forwarded-Proto", "https")
                .GET());
        assertThat(tls.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(cookieHeader(tls)).containsIgnoringCase("Secure");
    }

    @Test
    void pageSizesAreCapped() throws Exception {
        var response = send("GET", "/api/tasks?size=100000", null, "acl-mcht");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"size\":");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("items").size())
                .isLessThanOrEqualTo(az.opengov.nap.worklist.WorklistService.MAX_PAGE);
    }

    @Test
    void pageNumbersOutOfRangeAreRefusedInTheReadersLanguageAndTheLastOneAnswers() throws Exception {
        // a page far out used to overflow page × size into a negative row number: a 500 from the database
        Map<String, String> lists = Map.of("/api/tasks", "acl-mcht", "/api/reviews", "acl-reviewer",
                "/api/admin/audit", "acl-admin", "/api/admin/audit/export", "acl-admin", "/api/admin/outbox",
                "acl-admin");
        for (var list : lists.entrySet()) {
            for (String page : List.of("-1", "1000001", "2147483647")) {
                var refused = send("GET", list.getKey() + "?page=" + page, null, list.getValue());
                assertThat(refused.statusCode()).as(list.getKey() + "?page=" + page).isEqualTo(400);
                assertThat(refused.body()).as(list.getKey()).contains("Səhifə parametrləri düzgün deyil",
                        "\"field\":\"page\"", "tam ədəd deyil");
            }
            assertThat(send("GET", list.getKey() + "?page=99999999999", null, list.getValue()).statusCode())
                    .as(list.getKey() + ", beyond a whole number").isEqualTo(400);
            assertThat(send("GET", list.getKey() + "?page=1000000", null, list.getValue()).statusCode())
                    .as(list.getKey() + ", the last page").isEqualTo(200);
        }
        String admin = login("acl-admin");
        for (String list : List.of("/admin/incidents", "/admin/outbox")) {
            var refused = page(list + "?page=2147483647", admin);
            assertThat(refused.statusCode()).as(list).isEqualTo(400);
            assertThat(refused.body()).as(list).contains("Səhifə parametrləri düzgün deyil");
            assertThat(page(list + "?page=-1", admin).statusCode()).as(list).isEqualTo(400);
            assertThat(page(list + "?page=1000000", admin).statusCode()).as(list).isEqualTo(200);
        }
    }

    @Test
    void stateChangesAndRefusalsAreInTheAuditTrail() throws Exception {
        send("GET", "/api/tasks/" + mchtTask, null, "acl-edu");
        assertThat(audit("ACCESS_DENIED", "acl-edu")).isPositive();
        assertThat(audit("REPORT_SUBMITTED", "acl-edu")).isPositive();
        assertThat(audit("REPORT_DRAFT_SAVED", "acl-mcht")).isPositive();
        assertThat(audit("PLAN_IMPORTED", null)).isPositive();
        var export = send("GET", "/api/admin/audit/export?action=REPORT_SUBMITTED", null, "acl-admin");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).startsWith("id,occurred_at,actor,action").contains("acl-edu");
        // the engine's user operation log names the same person
        assertThat(jdbc.sql("select count(*) from ACT_HI_OP_LOG where USER_ID_ = 'acl-edu'").query(Long.class)
                .single()).isPositive();
    }

    // ---- HTTP helpers ---------------------------------------------------------------------------------------------

    private long audit(String action, String actor) {
        return actor == null
                ? jdbc.sql("select count(*) from audit_event where action = ?").param(action).query(Long.class).single()
                : jdbc.sql("select count(*) from audit_event where action = ? and actor = ?").params(action, actor)
                .query(Long.class).single();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
        return send(method, path, body, user, PASSWORD);
    }

    private HttpResponse<String> send(String method, String path, String body, String user, String password)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", basic(user, password));
        }
        return http(b);
    }

    private HttpResponse<String> page(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http(b);
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) throws Exception {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in through the login form (with its CSRF token) and returns the session cookie. */
    private String login(String user) throws Exception {
        HttpResponse<String> form = http(HttpRequest.newBuilder(uri("/login")).GET());
        String cookie = cookie(form);
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                .matcher(form.body());
        assertThat(token.find()).as("login form has a CSRF token").isTrue();
        String csrf = token.group(1) != null ? token.group(1) : token.group(2);
        String body = "username=" + user + "&password=" + PASSWORD + "&_csrf=" + csrf;
        HttpResponse<String> done = http(HttpRequest.newBuilder(uri("/login")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return cookie(done);
    }

    private static String cookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
    }

    private static String cookieHeader(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElse("");
    }
}
