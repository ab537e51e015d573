package az.opengov.nap.workspace;

import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.worklist.WorklistService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application on a random port (one context for every workspace test class): the small plan of
 * {@link WorkspaceFixture}, small evidence limits (1 MB per file, 3 MB per report) and a private evidence folder.
 * No background deadline poller: the tests that raise reminders and escalations do so themselves at the clock they
 * set, and a poller's round (every 5 s, {@code for update skip locked}) could otherwise hold an item at an earlier
 * clock while the test's own round skips it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nap.evidence.directory=target/test-evidence", "nap.evidence.max-file-size=1MB",
        "nap.evidence.max-report-size=3MB", "nap.notification.scheduling-enabled=false"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
abstract class WorkspaceTestBase {

    @Autowired
    PlanImportService imports;
    @Autowired
    PlanService plans;
    @Autowired
    ManagementService management;
    @Autowired
    WorklistService worklist;
    @Autowired
    UserDirectory users;
    @Autowired
    MeasureExecutionService execution;
    @Autowired
    JdbcClient jdbc;

    Measure measure;

    @BeforeEach
    void planAndUsers() {
        WorkspaceFixture.users(users);
        measure = WorkspaceFixture.plan(imports, plans, management);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }
}
