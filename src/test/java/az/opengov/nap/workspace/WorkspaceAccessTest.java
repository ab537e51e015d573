package az.opengov.nap.workspace;

import static az.opengov.nap.workspace.WorkspaceFixture.COLLEAGUE;
import static az.opengov.nap.workspace.WorkspaceFixture.COORDINATOR;
import static az.opengov.nap.workspace.WorkspaceFixture.OTHER;
import static az.opengov.nap.workspace.WorkspaceFixture.REVIEWER;
import static az.opengov.nap.workspace.WorkspaceFixture.REVIEWER2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
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

import az.opengov.nap.evidence.EvidenceFile;
import az.opengov.nap.evidence.EvidenceService;
import az.opengov.nap.evidence.EvidenceVisibility;
import az.opengov.nap.reporting.ReportContent;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.support.EngineJobs;
import az.opengov.nap.worklist.WorkItem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Who may open and do what in the workspace, checked on the server. */
class WorkspaceAccessTest extends WorkspaceTestBase {

    static final ReportContent COMPLETE = new ReportContent("SUBSTANTIAL", "Portal yenilənib.", "12 xidmət", null,
            null, "https://e-gov.az");

    @Autowired
    MockMvc mvc;
    @Autowired
    EvidenceService evidence;

    static RequestPostProcessor as(az.opengov.nap.security.AppUser u) {
        return user(u.username()).roles(u.reviewer() ? "REVIEWER" : "AGENCY");
    }

    @Test
    void pagesNeedASignIn() throws Exception {
        mvc.perform(get("/workspace")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("**/login"));
        mvc.perform(get("/login").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Sign in")));
        // the page's own files and the webjars it links to are served without a sign-in
        for (String asset : new String[] {"/webjars/bootstrap/css/bootstrap.min.css",
                "/webjars/htmx.org/dist/htmx.min.js", "/css/workspace.css", "/js/workspace.js"}) {
            mvc.perform(get(asset)).andExpect(status().isOk());
        }
    }

    @Test
    void theInboxShowsMyAgencysTasksOnlyWithTheCountInTheHeader() throws Exception {
        WorkItem mine = WorkspaceFixture.reportTask(worklist, measure, "MCHT");
        WorkItem theirs = WorkspaceFixture.reportTask(worklist, measure, "EDU");
        mvc.perform(get("/workspace").with(as(COORDINATOR)).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(mine.taskId()), not(containsString(theirs.taskId())),
                        containsString("5 days left"), containsString("My agency"))));
        // another agency's task page and its evidence do not exist for me
        mvc.perform(get("/workspace/tasks/" + theirs.taskId()).with(as(COORDINATOR)).param("lang", "en"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("not found")));
        EvidenceFile file = evidence.store(measure.id(), 1, "EDU", "plan.pdf", "%PDF-1.4 test".getBytes(
                StandardCharsets.US_ASCII), EvidenceVisibility.INTERNAL, OTHER.username());
        mvc.perform(get("/workspace/evidence/" + file.id()).with(as(COORDINATOR))).andExpect(status().isNotFound());
        mvc.perform(get("/workspace/evidence/" + file.id()).with(as(OTHER))).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        mvc.perform(get("/workspace/evidence/" + file.id()).with(as(REVIEWER))).andExpect(status().isOk());
        // nor may I add files to it
        mvc.perform(multipart("/workspace/tasks/" + theirs.taskId() + "/evidence")
                        .file(new MockMultipartFile("file", "x.pdf", "application/pdf", "%PDF-1.4".getBytes()))
                        .with(as(COORDINATOR)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void reviewersCannotSubmitAndAgenciesCannotReview() throws Exception {
        WorkItem task = WorkspaceFixture.reportTask(worklist, measure, "MCHT");
        mvc.perform(post("/workspace/tasks/" + task.taskId() + "/submit").with(as(REVIEWER)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/workspace/tasks/" + task.taskId() + "/draft").param("whatWasDone", "x")
                        .with(as(REVIEWER)).with(csrf()))
                .andExpect(status().isNotFound());
        execution.submit(task.taskId(), COMPLETE, COORDINATOR);
        WorkItem review = WorkspaceFixture.reviewTask(worklist, measure, "MCHT");
        mvc.perform(post("/workspace/tasks/" + review.taskId() + "/review").param("decision", "APPROVED")
                        .with(as(COORDINATOR)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/workspace/reviews").with(as(COORDINATOR)).param("lang", "en"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("not allowed")));
        assertThat(worklist.find(review.taskId()).orElseThrow().state()).isEqualTo("OPEN");
    }

    @Test
    void aReturnNeedsACommentAndTheSecondReviewerIsToldClearly() throws Exception {
        WorkItem task = WorkspaceFixture.reportTask(worklist, measure, "MCHT");
        execution.submit(task.taskId(), COMPLETE, COORDINATOR);
        WorkItem review = WorkspaceFixture.reviewTask(worklist, measure, "MCHT");
        mvc.perform(post("/workspace/tasks/" + review.taskId() + "/review").param("decision", "RETURNED")
                        .param("lang", "en").with(as(REVIEWER)).with(csrf()))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().string(containsString("comment is required")));
        // the first reviewer approves; the second, on the page opened before, is told the report was decided
        execution.review(review.taskId(), "APPROVED", null, "SUBSTANTIAL", REVIEWER);
        EngineJobs.runDue(management);
        mvc.perform(post("/workspace/tasks/" + review.taskId() + "/review").param("decision", "RETURNED")
                        .param("comment", "Əlavə edin").param("lang", "en").with(as(REVIEWER2)).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(allOf(containsString("Another user has already decided"),
                        containsString("Approved"))));
    }

    @Test
    void aCoordinatorAssignsATaskToAColleagueOfTheSameAgencyOnly() throws Exception {
        WorkItem task = WorkspaceFixture.reportTask(worklist, measure, "MCHT");
        mvc.perform(post("/workspace/tasks/" + task.taskId() + "/assign").param("assignee", COLLEAGUE.username())
                        .with(as(COORDINATOR)).with(csrf()))
                .andExpect(redirectedUrl("/workspace/tasks/" + task.taskId()));
        assertThat(worklist.find(task.taskId()).orElseThrow().assignee()).isEqualTo(COLLEAGUE.username());
        mvc.perform(get("/workspace").param("show", "mine").with(as(COLLEAGUE)))
                .andExpect(content().string(containsString(task.taskId())));
        // not to someone of another agency, and not by someone who is not a coordinator
        mvc.perform(post("/workspace/tasks/" + task.taskId() + "/assign").param("assignee", OTHER.username())
                        .param("lang", "en").with(as(COORDINATOR)).with(csrf()))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().string(containsString("active member of your own agency")));
        assertThatThrownBy(() -> execution.assign(task.taskId(), COORDINATOR.username(), COLLEAGUE))
                .isInstanceOfSatisfying(NapException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(worklist.find(task.taskId()).orElseThrow().assignee()).isEqualTo(COLLEAGUE.username());
    }

    @Test
    void errorsArePagesInTheReadersLanguageNeverAStackTrace() throws Exception {
        mvc.perform(get("/workspace/tasks/no-such-task").with(as(COORDINATOR)).param("lang", "ru"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(allOf(containsString("Не найдено"), not(containsString("Exception")))));
        mvc.perform(get("/workspace/evidence/abc").with(as(COORDINATOR)).param("lang", "az"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Sorğu düzgün deyil")));
    }
}
