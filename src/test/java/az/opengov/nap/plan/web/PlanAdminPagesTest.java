package az.opengov.nap.plan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The plan pages for administrators: the two-step import (validation report in the user's language, preview,
 * confirmation bound to the upload), the plan page with its calendar, a measure's amendment form, the exports, and
 * that nobody else gets in.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class PlanAdminPagesTest {

    static final RequestPostProcessor ADMIN = user("pages-admin").roles("ADMIN");
    static final RequestPostProcessor AGENCY = user("pages-agency").roles("AGENCY");
    static final String GOOD = """
            section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,recommended,\
            period
            1,Elektron xidmətlər,,,1.1,1.1,Birinci tədbir,İndikator,\
            Rabitə və Yüksək Texnologiyalar Nazirliyi;Təhsil Nazirliyi,Milli Məclis,2016
            1,Elektron xidmətlər,,,1.2,1.2,İkinci tədbir,İndikator,Təhsil Nazirliyi,,2016-2017
            """;
    static final String BAD = """
            section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,recommended,\
            period
            1,Elektron xidmətlər,,,1.1,1.1,Birinci tədbir,İndikator,Rabitə və Yüksək Texnologiyalar Nazirliyi,,2030
            """;
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"");
    private static int counter;

    @Autowired
    MockMvc mvc;
    @Autowired
    PlanService plans;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void usersAndClock() {
        for (AppUser u : List.of(new AppUser("pages-admin", "Admin", null, "az", null, false, true, true),
                new AppUser("pages-agency", "MCHT", null, "az", "MCHT", false, false, true))) {
            if (!users.exists(u.username())) {
                users.create(u, "Uzun-parol-2026!");
            }
        }
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-07-01T08:00:00Z")));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aBadFileGetsItsValidationReportInTheUsersLanguageAndNothingIsImported() throws Exception {
        String code = code();
        String en = upload(code, "plan.csv", BAD, "en", new MockHttpSession());
        assertThat(en).contains("Validation report: 1 problem(s)", "<td>2</td>", "<td>period</td>",
                "The period 2030 lies outside the plan years 2016-2017", "nothing was imported")
                .doesNotContain("name=\"token\"");
        String az = upload(code, "plan.csv", BAD, "az", new MockHttpSession());
        assertThat(az).contains("Yoxlama hesabatı: 1 problem", "<td>period</td>", "İcra müddəti 2030 planın illərindən")
                .doesNotContain("name=\"token\"");

        String unknownType = upload(code, "plan.pdf", BAD, "en", new MockHttpSession());
        assertThat(unknownType).contains("<td>file</td>").doesNotContain("name=\"token\"");
        assertThat(plans.findPlan(code)).isEmpty();
    }

    @Test
    void aGoodFileIsPreviewedThenImportedOnlyWithItsConfirmation() throws Exception {
        String code = code();
        MockHttpSession session = new MockHttpSession();
        String preview = upload(code, "plan.csv", GOOD, "en", session);
        assertThat(preview).contains("Plan " + code + ": 1 sections, 2 new measures", "Birinci tədbir",
                "İkinci tədbir", "Confirm and import");
        assertThat(plans.findPlan(code)).as("nothing before the confirmation").isEmpty();
        String token = token(preview);

        // the token belongs to this session's upload: another session cannot use it
        mvc.perform(post("/admin/plans/import/confirm").param("token", token).param("lang", "en").with(ADMIN)
                        .with(csrf()).session(new MockHttpSession()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("has expired")));
        assertThat(plans.findPlan(code)).isEmpty();

        mvc.perform(post("/admin/plans/import/confirm").param("token", token).with(ADMIN).with(csrf())
                        .session(session))
                .andExpect(redirectedUrl("/admin/plans/" + code));
        assertThat(plans.measures(code)).extracting(Measure::code).containsExactly("1.1", "1.2");

        String page = mvc.perform(get("/admin/plans/" + code).param("lang", "en").with(ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Reporting calendar", "Birinci tədbir", "İkinci tədbir", "Amend",
                "/admin/plans/" + code + "/export.csv");
        assertThat(mvc.perform(get("/admin/plans").param("lang", "ru").with(ADMIN)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("Планы", code);

        // used once: the same token again imports nothing more
        mvc.perform(post("/admin/plans/import/confirm").param("token", token).param("lang", "az").with(ADMIN)
                        .with(csrf()).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Təsdiq müddəti bitib")));
    }

    @Test
    void aConfirmationExpiresAfterThirtyMinutes() throws Exception {
        String code = code();
        MockHttpSession session = new MockHttpSession();
        String token = token(upload(code, "plan.csv", GOOD, "en", session));
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-07-01T08:31:00Z")));
        mvc.perform(post("/admin/plans/import/confirm").param("token", token).param("lang", "en").with(ADMIN)
                        .with(csrf()).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("has expired")));
        assertThat(plans.findPlan(code)).isEmpty();
    }

    @Test
    void theCalendarIsValidatedThenChangedAndAudited() throws Exception {
        String code = imported();
        mvc.perform(post("/admin/plans/" + code + "/calendar").with(ADMIN).with(csrf()).param("lang", "en")
                        .params(calendar("5", "15", "7", "7", "14", "30", "Tezlik")))
                .andExpect(redirectedUrlPattern("/admin/plans/" + code + "*"))
                .andExpect(result -> assertThat(result.getFlashMap().get("calendarProblems").toString())
                        .contains("The frequency must divide 12"));
        mvc.perform(post("/admin/plans/" + code + "/calendar").with(ADMIN).with(csrf()).param("lang", "az")
                        .params(calendar("x", "15", "7", "7", "14", "30", "Tezlik")))
                .andExpect(result -> assertThat(result.getFlashMap().get("calendarProblems").toString())
                        .contains("Tam ədəd daxil edin"));
        assertThat(plans.plan(code).calendar()).isEqualTo(PlanCalendar.DEFAULT);

        mvc.perform(post("/admin/plans/" + code + "/calendar").with(ADMIN).with(csrf())
                        .params(calendar("3", "20", "5", "10", "14", "30", "Rüblük hesabat")))
                .andExpect(redirectedUrl("/admin/plans/" + code));
        assertThat(plans.plan(code).calendar()).isEqualTo(new PlanCalendar(3, 20, 5, 10, 14, 30));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'PLAN_CALENDAR_CHANGED' and actor = ?")
                .param("pages-admin").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theAmendmentFormNamesWrongFieldsInTheUsersLanguageAndRecordsAGoodAmendment() throws Exception {
        String code = imported();
        long id = plans.findMeasure(code, "1.2").orElseThrow().id();
        assertThat(mvc.perform(get("/admin/measures/" + id + "/amend").param("lang", "en").with(ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("Amend measure 1.2", "İkinci tədbir", "value=\"EDU\" selected");

        String en = mvc.perform(post("/admin/measures/" + id + "/amend").with(ADMIN).with(csrf()).param("lang", "en")
                        .param("title", "İkinci tədbir").param("firstYear", "2016").param("lastYear", "2031")
                        .param("reason", "Səbəb").param("effectiveDate", "2026-07-01"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("Name at least one executing agency", "The period must lie within the years");
        String az = mvc.perform(post("/admin/measures/" + id + "/amend").with(ADMIN).with(csrf()).param("lang", "az")
                        .param("title", "İkinci tədbir").param("firstYear", "2016").param("lastYear", "2017")
                        .param("executors", "EDU").param("reason", "").param("effectiveDate", "2026-07-01"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(az).contains("Bu sahə mütləqdir.");
        assertThat(plans.amendments(id)).isEmpty();

        mvc.perform(post("/admin/measures/" + id + "/amend").with(ADMIN).with(csrf())
                        .param("title", "İkinci tədbir (yeni)").param("firstYear", "2016").param("lastYear", "2017")
                        .param("executors", "EDU", "JUSTICE").param("reason", "Qərar").param("effectiveDate",
                                "2026-07-01"))
                .andExpect(redirectedUrl("/admin/measures/" + id + "/amend"));
        assertThat(plans.amendments(id)).singleElement()
                .satisfies(a -> assertThat(a.changes()).hasSize(2));
        assertThat(plans.measure(id).title()).isEqualTo("İkinci tədbir (yeni)");
    }

    @Test
    void exportsAreFilesInTheImportFormat() throws Exception {
        String code = imported();
        String csv = mvc.perform(get("/admin/plans/" + code + "/export.csv").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"" + code + ".csv\""))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("section,section_title,").contains("Birinci tədbir", "İkinci tədbir");
        mvc.perform(get("/api/admin/plans/" + code + "/export.xlsx").with(ADMIN))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type",
                        org.hamcrest.Matchers.startsWith("application/vnd.openxmlformats")));
        mvc.perform(get("/api/admin/plans/NO-SUCH-PLAN/export.csv").with(ADMIN)).andExpect(status().isNotFound());
        // a page for something that does not exist is the error page, in the reader's language
        mvc.perform(get("/admin/plans/NO-SUCH-PLAN").param("lang", "en").with(ADMIN))
                .andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"error-detail\"")))
                .andExpect(content().contentTypeCompatibleWith("text/html"));
    }

    @Test
    void onlyAdministratorsGetIn() throws Exception {
        String code = imported();
        long id = plans.findMeasure(code, "1.1").orElseThrow().id();
        for (String page : List.of("/admin/plans", "/admin/plans/import", "/admin/plans/" + code,
                "/admin/measures/" + id + "/amend", "/admin/plans/" + code + "/export.csv")) {
            mvc.perform(get(page)).andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrlPattern("**/login"));
            mvc.perform(get(page).with(AGENCY)).andExpect(status().isForbidden());
        }
        mvc.perform(post("/admin/measures/" + id + "/amend").with(AGENCY).with(csrf()).param("title", "X")
                .param("reason", "x")).andExpect(status().isForbidden());
        mvc.perform(get("/api/admin/plans/" + code + "/export.csv").with(AGENCY)).andExpect(status().isForbidden());
        assertThat(plans.amendments(id)).isEmpty();
    }

    private String imported() throws Exception {
        String code = code();
        MockHttpSession session = new MockHttpSession();
        String token = token(upload(code, "plan.csv", GOOD, "en", session));
        mvc.perform(post("/admin/plans/import/confirm").param("token", token).with(ADMIN).with(csrf())
                .session(session)).andExpect(status().is3xxRedirection());
        return code;
    }

    private String upload(String code, String fileName, String content, String lang, MockHttpSession session)
            throws Exception {
        return mvc.perform(multipart("/admin/plans/import")
                        .file(new MockMultipartFile("file", fileName, "text/csv",
                                content.getBytes(StandardCharsets.UTF_8)))
                        .param("planCode", code).param("title", "Test plan").param("firstYear", "2016")
                        .param("lastYear", "2017").param("yearShift", "10").param("lang", lang)
                        .session(session).with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static String token(String page) {
        Matcher m = TOKEN.matcher(page);
        assertThat(m.find()).as("a confirmation token on the preview").isTrue();
        return m.group(1);
    }

    private static org.springframework.util.MultiValueMap<String, String> calendar(String frequency, String due,
            String reminder, String escalation, String revision, String window, String reason) {
        var map = new org.springframework.util.LinkedMultiValueMap<String, String>();
        map.add("frequencyMonths", frequency);
        map.add("dueOffsetDays", due);
        map.add("reminderDays", reminder);
        map.add("escalationDays", escalation);
        map.add("revisionDays", revision);
        map.add("windowDays", window);
        map.add("reason", reason);
        return map;
    }

    private static String code() {
        return "PAGES-" + (++counter) + "-" + System.nanoTime() % 100000;
    }
}
