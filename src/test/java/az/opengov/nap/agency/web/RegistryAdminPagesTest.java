package az.opengov.nap.agency.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The registry pages for administrators: agencies (add, rename, take out of service, collective membership) and
 * users (create, change agency and roles, disable), each change checked, named in the user's language when wrong,
 * and audited; nobody else gets in.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class RegistryAdminPagesTest {

    static final RequestPostProcessor ADMIN = user("registry-admin").roles("ADMIN");
    static final RequestPostProcessor AGENCY = user("registry-agency").roles("AGENCY");

    @Autowired
    MockMvc mvc;
    @Autowired
    AgencyService agencies;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void users() {
        for (AppUser u : List.of(new AppUser("registry-admin", "Admin", null, "az", null, false, true, true),
                new AppUser("registry-agency", "MCHT", null, "az", "MCHT", false, false, true))) {
            if (!users.exists(u.username())) {
                users.create(u, "Uzun-parol-2026!");
            }
        }
    }

    @Test
    void anAgencyIsAddedRenamedTakenOutOfServiceAndJoinsACollective() throws Exception {
        assertThat(page(get("/admin/agencies").param("lang", "en"))).contains("Agency registry", "MCHT",
                "Central executive authorities");

        String bad = page(post("/admin/agencies").param("lang", "en").param("code", "bad code")
                .param("kind", "STATE_AGENCY").param("nameAz", "").param("emails", "not-an-address"));
        assertThat(bad).contains("Validation report: 3 problem(s)", "<td>code</td>", "<td>nameAz</td>",
                "<td>emails</td>");
        assertThat(page(post("/admin/agencies").param("lang", "az").param("code", "bad code")
                .param("kind", "STATE_AGENCY").param("nameAz", "Ad"))).contains("Yoxlama hesabatı: 1 problem");
        assertThat(agencies.find("bad code")).isEmpty();

        mvc.perform(post("/admin/agencies").with(ADMIN).with(csrf()).param("code", "PAGE_NEW")
                        .param("kind", "STATE_AGENCY").param("nameAz", "Yeni Dövlət Xidməti")
                        .param("emails", "hesabat@page-new.example; info@page-new.example"))
                .andExpect(redirectedUrl("/admin/agencies/PAGE_NEW"));
        assertThat(agencies.get("PAGE_NEW").emails()).containsExactly("hesabat@page-new.example",
                "info@page-new.example");

        mvc.perform(post("/admin/agencies/PAGE_NEW").with(ADMIN).with(csrf()).param("kind", "STATE_AGENCY")
                        .param("nameAz", "Yeni Dövlət Xidməti (yeni ad)").param("nameEn", "New State Service"))
                .andExpect(redirectedUrl("/admin/agencies/PAGE_NEW"));
        assertThat(agencies.get("PAGE_NEW").nameAz()).isEqualTo("Yeni Dövlət Xidməti (yeni ad)");

        mvc.perform(post("/admin/agencies/PAGE_NEW/active").with(ADMIN).with(csrf()).param("active", "false"))
                .andExpect(redirectedUrl("/admin/agencies/PAGE_NEW"));
        assertThat(agencies.inactive()).contains("PAGE_NEW");
        assertThat(page(get("/admin/agencies/PAGE_NEW").param("lang", "en"))).contains("out of service",
                "Put back into service");

        mvc.perform(post("/admin/agencies/CENTRAL_EXEC/members").with(ADMIN).with(csrf()).param("member", "PAGE_NEW"))
                .andExpect(redirectedUrl("/admin/agencies/CENTRAL_EXEC"));
        assertThat(agencies.members("CENTRAL_EXEC")).contains("PAGE_NEW");
        assertThat(page(get("/admin/agencies/CENTRAL_EXEC"))).contains("data-member=\"PAGE_NEW\"");
        mvc.perform(post("/admin/agencies/CENTRAL_EXEC/members/PAGE_NEW/remove").with(ADMIN).with(csrf()))
                .andExpect(redirectedUrl("/admin/agencies/CENTRAL_EXEC"));
        assertThat(agencies.members("CENTRAL_EXEC")).doesNotContain("PAGE_NEW");
        // a collective cannot be a member
        assertThat(page(post("/admin/agencies/CENTRAL_EXEC/members").param("lang", "en")
                .param("member", "CENTRAL_LOCAL_EXEC"))).contains("id=\"problems\"");

        for (String action : List.of("AGENCY_CREATED", "AGENCY_CHANGED", "AGENCY_DEACTIVATED", "AGENCY_MEMBER_ADDED",
                "AGENCY_MEMBER_REMOVED")) {
            assertThat(audited(action)).as(action).isEqualTo(1);
        }
    }

    @Test
    void aUserIsCreatedMovedToAnotherGroupAndDisabled() throws Exception {
        String bad = page(post("/admin/users").param("lang", "en").param("username", "Bad Name")
                .param("displayName", "").param("password", "short").param("enabled", "true"));
        assertThat(bad).contains("<td>username</td>", "<td>displayName</td>", "<td>password</td>");
        assertThat(users.exists("Bad Name")).isFalse();

        mvc.perform(post("/admin/users").with(ADMIN).with(csrf()).param("username", "page-user")
                        .param("displayName", "Səhifə İstifadəçisi").param("email", "page-user@example.org")
                        .param("locale", "az").param("agencyCode", "EDU").param("enabled", "true")
                        .param("password", "Çox-uzun-parol-2026!"))
                .andExpect(redirectedUrl("/admin/users"));
        assertThat(users.find("page-user").orElseThrow().agencyCode()).isEqualTo("EDU");
        assertThat(page(get("/admin/users").param("lang", "ru"))).contains("Пользователи и группы", "page-user");

        mvc.perform(post("/admin/users/page-user").with(ADMIN).with(csrf()).param("displayName", "Səhifə İstifadəçisi")
                        .param("locale", "en").param("agencyCode", "MCHT").param("reviewer", "true"))
                .andExpect(redirectedUrl("/admin/users"));
        AppUser changed = users.find("page-user").orElseThrow();
        assertThat(changed.agencyCode()).isEqualTo("MCHT");
        assertThat(changed.reviewer()).isTrue();
        assertThat(changed.enabled()).as("an unticked box disables").isFalse();
        assertThat(audited("USER_CREATED")).isEqualTo(1);
        assertThat(audited("USER_CHANGED")).isEqualTo(1);
    }

    @Test
    void onlyAdministratorsGetIn() throws Exception {
        for (String page : List.of("/admin/agencies", "/admin/agencies/MCHT", "/admin/users",
                "/admin/users/registry-agency")) {
            mvc.perform(get(page)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("**/login"));
            mvc.perform(get(page).with(AGENCY)).andExpect(status().isForbidden());
        }
        mvc.perform(post("/admin/agencies/MCHT/active").with(AGENCY).with(csrf()).param("active", "false"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/users/registry-agency").with(AGENCY).with(csrf()).param("displayName", "X")
                .param("admin", "true").param("enabled", "true")).andExpect(status().isForbidden());
        assertThat(agencies.inactive()).doesNotContain("MCHT");
        assertThat(users.find("registry-agency").orElseThrow().admin()).isFalse();
    }

    private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return mvc.perform(request.with(ADMIN).with(csrf())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    private long audited(String action) {
        return jdbc.sql("select count(*) from audit_event where action = ? and actor = 'registry-admin'")
                .param(action).query(Long.class).single();
    }
}
