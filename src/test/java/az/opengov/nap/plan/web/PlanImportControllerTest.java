package az.opengov.nap.plan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/** The JSON API of the import; security (admin only) is tested with the security configuration, not here. */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc(addFilters = false)
class PlanImportControllerTest {

    private static final String CSV = """
            section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,recommended,\
            period,owner
            1,Elektron xidmətlər,,,1.1,1.1,Portalın təkmilləşdirilməsi,Xidmətlər,Ədliyyə Nazirliyi,,2016,Şöbə
            1,Elektron xidmətlər,,,1.2,1.2,Mobil tətbiq,Tətbiq,Naməlum Qurum,,2016-2019,
            """;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void previewAnswersWithTheReportInTheUsersLanguage() throws Exception {
        mvc.perform(upload("/api/admin/plans/import/preview", "API-PREVIEW", CSV).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.planCode").value("API-PREVIEW"))
                .andExpect(jsonPath("$.planExists").value(false))
                .andExpect(jsonPath("$.valid").value(false))
                .andExpect(jsonPath("$.measuresToCreate[0].code").value("1.1"))
                .andExpect(jsonPath("$.measuresToCreate[0].executors[0]").value("JUSTICE"))
                .andExpect(jsonPath("$.unknownOrganisations[0]").value("Naməlum Qurum"))
                .andExpect(jsonPath("$.problems.length()").value(2))
                .andExpect(jsonPath("$.problems[0].row").value(3))
                .andExpect(jsonPath("$.problems[0].messageKey").doesNotExist())
                .andExpect(jsonPath("$.problems[0].column").value("executors"))
                .andExpect(jsonPath("$.problems[0].code").value("import.unknownOrganisation"))
                .andExpect(jsonPath("$.problems[0].message")
                        .value("Organisation not found in the registry: Naməlum Qurum"))
                .andExpect(jsonPath("$.problems[1].column").value("period"))
                .andExpect(jsonPath("$.problems[1].message")
                        .value("The period 2016-2019 lies outside the plan years 2016-2018."));
    }

    @Test
    void invalidImportAnswers422WithEveryProblem() throws Exception {
        mvc.perform(upload("/api/admin/plans/import", "API-BAD", CSV).header("Accept-Language", "az"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("error.validation"))
                .andExpect(jsonPath("$.errors[0].row").value(3))
                .andExpect(jsonPath("$.errors[0].field").value("executors"))
                .andExpect(jsonPath("$.errors[0].message").value("Qurum reyestrdə tapılmadı: Naməlum Qurum"));
        assertThat(jdbc.sql("select count(*) from plan where code = 'API-BAD'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void validImportAnswers201WithWhatWasCreated() throws Exception {
        String valid = CSV.lines().limit(2).reduce("", (a, b) -> a + b + "\n");
        Principal admin = () -> "admin";

        mvc.perform(upload("/api/admin/plans/import", "API-OK", valid).principal(admin)
                        .param("yearShift", "3").param("frequencyMonths", "3"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.committed").value(true))
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.measuresToCreate.length()").value(1))
                .andExpect(jsonPath("$.problems.length()").value(0));

        assertThat(jdbc.sql(
                "select imported_by || ':' || year_shift || ':' || frequency_months from plan where code = 'API-OK'")
                .query(String.class).single()).isEqualTo("admin:3:3");
    }

    @Test
    void missingYearsAndBadCalendarAre422() throws Exception {
        mvc.perform(multipart("/api/admin/plans/import/preview").file(file(CSV)).param("planCode", "API-X"))
                .andExpect(status().isUnprocessableEntity());
        mvc.perform(upload("/api/admin/plans/import/preview", "API-X", CSV).param("frequencyMonths", "5"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("calendar"));
    }

    private static MockMultipartHttpServletRequestBuilder upload(String path, String planCode, String csv) {
        return (MockMultipartHttpServletRequestBuilder) multipart(path).file(file(csv))
                .param("planCode", planCode).param("title", "API planı")
                .param("firstYear", "2016").param("lastYear", "2018");
    }

    private static MockMultipartFile file(String csv) {
        return new MockMultipartFile("file", "plan.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }
}
