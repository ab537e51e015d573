package az.opengov.nap.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import az.opengov.nap.measure.process.MeasureExecution.Elements;
import az.opengov.nap.plan.Amendment;
import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.MeasureChanges;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.support.EngineJobs;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorklistService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Amendments of a running measure, mid-cycle: the process follows (a newly named agency is asked for a report in the
 * open cycle, one no longer named ends as "removed by amendment", a new period lays out the cycles not yet opened
 * again), every amendment is recorded with its reason and date, and the public portal and API show the history
 * without naming the official.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class MeasureAmendmentTest {

    static final String PLAN = """
            section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,recommended,\
            period
            1,Elektron xidmətlər,,,1.1,1.1,Birinci tədbir,İndikator,\
            Rabitə və Yüksək Texnologiyalar Nazirliyi;Təhsil Nazirliyi,Milli Məclis,2016
            """;
    static final AppUser ADMIN = new AppUser("amend-admin", "Amend Admin", null, "az", null, false, true, true);
    static final AppUser AGENCY = new AppUser("amend-mcht", "Agency", null, "az", "MCHT", false, false, true);
    static final LocalDate EFFECTIVE = LocalDate.of(2026, 7, 10);

    @Autowired
    PlanImportService imports;
    @Autowired
    PlanService plans;
    @Autowired
    MeasureExecutionService execution;
    @Autowired
    WorklistService worklist;
    @Autowired
    CycleService cycles;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    private static int planCounter;
    private String planCode;
    private Measure measure;

    @BeforeEach
    void importPlanAndOpenTheFirstCycle() {
        // the plan's 2016 runs as 2026; its first half-year's reports are asked for on 1 July 2026
        at("2026-07-01T08:00:00");
        planCode = "AMD-" + (++planCounter) + "-" + System.nanoTime() % 100000;
        imports.commit(new ImportRequest(planCode, "Amendment plan", 2016, 2017, 10, PlanCalendar.DEFAULT, false,
                PLAN.getBytes(StandardCharsets.UTF_8), "plan.csv", "test"));
        measure = plans.findMeasure(planCode, "1.1").orElseThrow();
        EngineJobs.runDue(management, measure.processInstanceId());
        assertThat(openAgencies()).containsExactlyInAnyOrder("MCHT", "EDU", "MILLI_MECLIS");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void addingAndRemovingAnExecutorMidCycleFollowsInTheProcessAndIsShownOnThePortal() throws Exception {
        String eduTask = item("EDU").taskId();

        Amendment amendment = execution.amend(measure.id(),
                new MeasureChanges("Birinci tədbir (yeni redaksiya)", null, null, null, List.of("MCHT", "JUSTICE"),
                        null),
                "Nazirlər Kabinetinin qərarı ilə səlahiyyət Ədliyyə Nazirliyinə keçib", EFFECTIVE, ADMIN);
        EngineJobs.runDue(management, measure.processInstanceId());

        // the new executor has a report task in the open cycle, with the cycle's due date
        assertThat(openAgencies()).containsExactlyInAnyOrder("MCHT", "JUSTICE", "MILLI_MECLIS");
        WorkItem justice = item("JUSTICE");
        assertThat(justice.kind().name()).isEqualTo("REPORT");
        assertThat(justice.cycleNumber()).isEqualTo(1);
        assertThat(cycles.participant(measure.id(), 1, "JUSTICE").status()).isEqualTo(ParticipantStatus.OPEN);
        // the agency no longer named is closed as removed by amendment
        assertThat(worklist.find(eduTask).orElseThrow().state()).isEqualTo("DELETED");
        assertThat(cycles.participant(measure.id(), 1, "EDU").status()).isEqualTo(ParticipantStatus.REMOVED);
        assertThat(plans.agency(measure.id(), "EDU").orElseThrow().active()).isFalse();

        // recorded: the amendment with its changes, and each step in the measure's actions
        assertThat(amendment.changes()).extracting(Amendment.Change::field)
                .containsExactly(Amendment.Field.TITLE, Amendment.Field.EXECUTORS);
        assertThat(amendment.changes().get(1).before()).isEqualTo("MCHT;EDU");
        assertThat(amendment.changes().get(1).after()).isEqualTo("MCHT;JUSTICE");
        assertThat(execution.amendments(measure.id())).singleElement().satisfies(a -> {
            assertThat(a.effectiveDate()).isEqualTo(EFFECTIVE);
            assertThat(a.reason()).startsWith("Nazirlər Kabinetinin qərarı");
        });
        assertThat(plans.measure(measure.id()).title()).isEqualTo("Birinci tədbir (yeni redaksiya)");
        assertThat(execution.actions(measure.id())).extracting(MeasureAction::action)
                .containsExactlyInAnyOrder("TITLE_AMENDED", "AGENCY_REMOVED", "AGENCY_ADDED");
        assertThat(jdbc.sql("select amended_by from measure_amendment where measure_id = ?").param(measure.id())
                .query(String.class).single()).isEqualTo("amend-admin");

        // the plan's export shows the measure as amended
        String exported = new String(imports.export(planCode, az.opengov.nap.plan.PlanExport.Format.CSV).content(),
                StandardCharsets.UTF_8);
        assertThat(exported).contains("Birinci tədbir (yeni redaksiya)", "Ədliyyə Nazirliyi")
                .doesNotContain("Təhsil Nazirliyi");

        // the portal's history: date, what changed and why; never who
        String page = mvc.perform(get("/plans/{p}/measures/1.1", planCode).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Birinci tədbir (yeni redaksiya)", "Title amended", "Agency added", "Agency removed",
                "Nazirlər Kabinetinin qərarı ilə səlahiyyət Ədliyyə Nazirliyinə keçib");
        assertThat(page).doesNotContain("amend-admin", "Amend Admin");
        String api = mvc.perform(get("/api/public/plans/{p}/measures/1.1", planCode))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(api).contains("\"AGENCY_ADDED\"", "\"AGENCY_REMOVED\"", "\"TITLE_AMENDED\"",
                "Nazirlər Kabinetinin qərarı").doesNotContain("amend-admin");
    }

    @Test
    void aLongerPeriodLaysOutTheCyclesNotYetOpenedAgain() {
        execution.amend(measure.id(), new MeasureChanges(null, null, 2016, 2017, null, null),
                "Müddət uzadılıb", EFFECTIVE, ADMIN);

        // cycle 1 (opened) stays; 2026 H2, 2027 H1 and 2027 H2 follow, the last one final
        List<ReportingCycle> laid = cycles.cycles(measure.id());
        assertThat(laid).extracting(ReportingCycle::number).containsExactly(1, 2, 3, 4);
        assertThat(laid).extracting(ReportingCycle::periodStart).containsExactly(LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 7, 1), LocalDate.of(2027, 1, 1), LocalDate.of(2027, 7, 1));
        assertThat(laid).extracting(ReportingCycle::finalCycle).containsExactly(false, false, false, true);
        assertThat(cycleNumbersWaiting()).containsExactlyInAnyOrder(2, 3, 4);
        assertThat(execution.actions(measure.id())).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("PERIOD_AMENDED");
            assertThat(a.details()).isEqualTo("2016 -> 2016-2017");
        });

        // the second half-year of 2026 still opens on 1 January 2027, and the process goes on to cycle 3
        at("2027-01-01T08:00:00");
        EngineJobs.runDue(management, measure.processInstanceId());
        assertThat(open().stream().filter(w -> w.cycleNumber() == 2).map(WorkItem::agencyCode))
                .containsExactlyInAnyOrder("MCHT", "EDU", "MILLI_MECLIS");
        assertThat(cycleNumbersWaiting()).containsExactlyInAnyOrder(3, 4);
    }

    @Test
    void aNewCalendarLaysOutTheCyclesToComeAndIsAudited() {
        execution.changeCalendar(planCode, new PlanCalendar(3, 20, 5, 10, 14, 30), "Rüblük hesabat", ADMIN);

        // cycle 1 (the first half-year, opened) stays; the second half-year becomes two quarters, due 20 days after
        List<ReportingCycle> laid = cycles.cycles(measure.id());
        assertThat(laid).extracting(ReportingCycle::number).containsExactly(1, 2, 3);
        assertThat(laid.get(0).periodEnd()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(laid.get(1).periodStart()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(laid.get(1).dueDate()).isEqualTo(LocalDate.of(2026, 10, 20));
        assertThat(laid.get(2).periodEnd()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(laid.get(2).finalCycle()).isTrue();
        assertThat(cycleNumbersWaiting()).containsExactlyInAnyOrder(2, 3);
        assertThat(openAgencies()).containsExactlyInAnyOrder("MCHT", "EDU", "MILLI_MECLIS");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'PLAN_CALENDAR_CHANGED' and target_id = ?")
                .param(planCode).query(Long.class).single()).isEqualTo(1);

        at("2026-10-01T08:00:00");
        EngineJobs.runDue(management, measure.processInstanceId());
        assertThat(open().stream().filter(w -> w.cycleNumber() == 2).map(WorkItem::agencyCode))
                .containsExactlyInAnyOrder("MCHT", "EDU", "MILLI_MECLIS");
    }

    @Test
    void aWrongAmendmentNamesEachFieldAndChangesNothing() {
        assertThatThrownBy(() -> execution.amend(measure.id(),
                new MeasureChanges(" ", null, 2015, 2016, List.of("NO_SUCH_AGENCY"), List.of()), "Səbəb", EFFECTIVE,
                ADMIN))
                .isInstanceOfSatisfying(NapException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.field() + ":" + p.messageKey())
                        .containsExactlyInAnyOrder("title:validation.required", "period:validation.amendment.period",
                                "executors:validation.amendment.unknownAgency"));
        assertThatThrownBy(() -> execution.amend(measure.id(), new MeasureChanges("Birinci tədbir", null, null, null,
                null, null), "Səbəb", EFFECTIVE, ADMIN))
                .isInstanceOfSatisfying(NapException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.messageKey()).containsExactly("validation.amendment.nothingChanged"));
        assertThatThrownBy(() -> execution.amend(measure.id(), new MeasureChanges("Yeni", null, null, null, null,
                null), " ", EFFECTIVE, ADMIN))
                .isInstanceOf(NapException.class);
        assertThatThrownBy(() -> execution.amend(measure.id(), new MeasureChanges("Yeni", null, null, null, null,
                null), "Səbəb", EFFECTIVE, AGENCY))
                .isInstanceOf(NapException.class);

        assertThat(plans.measure(measure.id()).title()).isEqualTo("Birinci tədbir");
        assertThat(execution.amendments(measure.id())).isEmpty();
        assertThat(execution.actions(measure.id())).isEmpty();
        assertThat(openAgencies()).containsExactlyInAnyOrder("MCHT", "EDU", "MILLI_MECLIS");
    }

    private List<Integer> cycleNumbersWaiting() {
        return runtime.createExecutionQuery().processInstanceId(measure.processInstanceId())
                .activityId(Elements.TIMER_CYCLE_OPENS).list().stream()
                .map(e -> ((Number) runtime.getVariable(e.getId(), "cycleNumber")).intValue()).toList();
    }

    private List<WorkItem> open() {
        return worklist.openForMeasure(measure.id());
    }

    private List<String> openAgencies() {
        return open().stream().filter(w -> w.kind().name().endsWith("REPORT")).map(WorkItem::agencyCode).toList();
    }

    private WorkItem item(String agency) {
        return open().stream().filter(w -> agency.equals(w.agencyCode())).findFirst().orElseThrow();
    }

    private static void at(String utc) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(utc + "Z")));
    }
}
