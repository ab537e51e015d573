package az.opengov.nap.notification;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.reporting.ReportContent;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserAdminService;
import az.opengov.nap.security.UserAdminService.UserChange;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.support.EngineJobs;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorklistService;
import com.icegreen.greenmail.util.GreenMail;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The measure process running for real, mail delivered to a real SMTP server (GreenMail): who gets which mail, in
 * which language, with which content, on which day as the engine clock moves; and that a rolled-back step queues
 * nothing.
 *
 * <p>Languages: the agencies' registry addresses get Azerbaijani; the MCHT user reads English, the EDU user Russian,
 * the reviewer Azerbaijani, the administrator English.
 */
@SpringBootTest(properties = {"nap.notification.scheduling-enabled=false",
        "nap.notification.base-url=https://nap.example.az/",
        "spring.mail.properties.mail.smtp.connectiontimeout=2000", "spring.mail.properties.mail.smtp.timeout=2000",
        "spring.mail.properties.mail.smtp.writetimeout=2000"})
@ActiveProfiles("test")
class NotificationFlowTest {

    static final String PLAN = """
            section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,recommended,\
            period
            1,Elektron xidmətlər,,,1.1,1.1,Elektron xidmətlərin genişləndirilməsi,İndikator,\
            Rabitə və Yüksək Texnologiyalar Nazirliyi;Təhsil Nazirliyi,Milli Məclis,2016
            """;
    static final String MCHT_CONTACT = "hesabat@mcht.demo.opengov.example";
    static final String MCHT_HEAD = "rehber@mcht.demo.opengov.example";
    static final String MCHT_USER = "mcht.user@nap.example.az";
    static final String EDU_USER = "edu.user@nap.example.az";
    static final String MILLI_MECLIS_CONTACT = "hesabat@milli-meclis.demo.opengov.example";
    static final String REVIEWER = "reviewer@nap.example.az";
    static final String ADMIN = "admin@nap.example.az";
    static final AppUser MCHT = new AppUser("n-mcht", "MCHT", MCHT_USER, "en", "MCHT", false, false, true);
    static final AppUser EDU = new AppUser("n-edu", "EDU", EDU_USER, "ru", "EDU", false, false, true);
    static final AppUser REV = new AppUser("n-rev", "Rəyçi", REVIEWER, "az", "ACC", true, false, true);
    static final AppUser ADM = new AppUser("n-adm", "Admin", ADMIN, "en", null, false, true, true);

    static final GreenMail SMTP = Mails.start();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @Autowired
    PlanImportService imports;
    @Autowired
    PlanService plans;
    @Autowired
    MeasureExecutionService execution;
    @Autowired
    WorklistService worklist;
    @Autowired
    ManagementService management;
    @Autowired
    UserDirectory users;
    @Autowired
    OutboxSender sender;
    @Autowired
    Reminders reminders;
    @Autowired
    Escalations escalations;
    @Autowired
    NotificationService notifications;
    @Autowired
    az.opengov.nap.notification.DeadlineEventService deadlines;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAdminService userAdmin;
    @Autowired
    AgencyService agencies;

    private static int planCounter;
    Measure measure;

    @BeforeEach
    void importPlan() throws Exception {
        at("2026-07-01T08:00:00");
        for (AppUser u : List.of(MCHT, EDU, REV, ADM)) {
            if (!users.exists(u.username())) {
                users.create(u, "secret-password");
            }
        }
        deliverAll(); // what earlier tests left queued
        SMTP.purgeEmailFromAllMailboxes();
        String code = "NTF-" + (++planCounter) + "-" + System.nanoTime();
        imports.commit(new ImportRequest(code, "Test plan", 2016, 2016, 10, PlanCalendar.DEFAULT, false,
                PLAN.getBytes(StandardCharsets.UTF_8), "plan.csv", "test"));
        measure = plans.findMeasure(code, "1.1").orElseThrow();
        runDue();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void anOpenedCycleAsksEachAgencyInItsRecipientsLanguages() {
        assertThat(rows("TASK_OPENED")).extracting(OutboxMessage::recipient).containsExactlyInAnyOrder(MCHT_CONTACT,
                "aciq-hokumet@mcht.demo.opengov.example", MCHT_USER, "hesabat@edu.demo.opengov.example",
                "aciq-hokumet@edu.demo.opengov.example", EDU_USER);
        assertThat(rows("INVITATION")).extracting(OutboxMessage::recipient).containsExactlyInAnyOrder(
                MILLI_MECLIS_CONTACT, "aciq-hokumet@milli-meclis.demo.opengov.example");
        deliverAll();

        String taskLink = "https://nap.example.az/workspace/tasks/" + task("MCHT").taskId();
        Mails.Received en = mail(MCHT_USER, "1.1").orElseThrow();
        assertThat(en.subject()).isEqualTo("Measure 1.1: progress report requested, due 15.07.2026");
        assertThat(en.contentLanguage()).isEqualTo("en");
        assertThat(en.text()).contains("Dear colleagues,",
                        "Ministry of Communications and High Technologies of the Republic of Azerbaijan",
                        "as an executor of measure 1.1", "reporting period 1",
                        "Measure: 1.1 — Elektron xidmətlərin genişləndirilməsi",
                        "Reporting period: 1 (01.01.2026 – 30.06.2026)", "Due: 15.07.2026, 23:59 (Baku time)",
                        "Prepare the report: " + taskLink)
                .doesNotContain("Overdue");
        assertThat(en.html()).contains("<html lang=\"en\">", "href=\"" + taskLink + "\"",
                "15.07.2026, 23:59 (Baku time)", "Elektron xidmətlərin genişləndirilməsi");

        Mails.Received ru = mail(EDU_USER, "1.1").orElseThrow();
        assertThat(ru.subject()).isEqualTo("Мероприятие 1.1: требуется отчёт, срок 15.07.2026");
        assertThat(ru.text()).contains("Уважаемые коллеги!", "Срок: 15.07.2026, 23:59 (по бакинскому времени)",
                "https://nap.example.az/workspace/tasks/" + task("EDU").taskId());

        Mails.Received az = mail(MCHT_CONTACT, "1.1").orElseThrow();
        assertThat(az.subject()).isEqualTo("Tədbir 1.1: hesabat tələb olunur, son tarix 15.07.2026");
        assertThat(az.text()).contains("Hörmətli həmkarlar,", "Son tarix: 15.07.2026, saat 23:59 (Bakı vaxtı)",
                "Rabitə və Yüksək Texnologiyalar Nazirliyi");

        Mails.Received invitation = mail(MILLI_MECLIS_CONTACT, "1.1").orElseThrow();
        assertThat(invitation.subject()).isEqualTo("Tədbir 1.1: hesabat təqdim etməyə dəvət");
        assertThat(invitation.text()).contains("tövsiyə xarakterlidir",
                "https://nap.example.az/workspace/tasks/" + task("MILLI_MECLIS").taskId());
        // each address got exactly its one mail, nobody else got one
        assertThat(mine()).hasSize(8);
        assertThat(mailsTo(REVIEWER)).isEmpty();
    }

    @Test
    void aReminderBeforeDueAndEscalationsAtDueAndEveryWeekAfterWidenedFromTheSecond() {
        at("2026-07-08T04:59:00"); // 08:59 in Baku: one minute before the reminder
        runDue();
        assertThat(rows("REMINDER")).isEmpty();

        at("2026-07-08T05:00:00"); // 09:00 in Baku, seven days before due
        runDue();
        assertThat(rows("REMINDER")).extracting(OutboxMessage::agencyCode).containsOnly("MCHT", "EDU");
        assertThat(rows("INVITED_REMINDER")).extracting(OutboxMessage::agencyCode).containsOnly("MILLI_MECLIS");
        deliverAll();
        Mails.Received reminder = mail(MCHT_USER, "Reminder").orElseThrow();
        assertThat(reminder.subject()).isEqualTo("Reminder: report on measure 1.1 due 15.07.2026");
        // the link opens the agency's own report task (the poller's item, not read again)
        assertThat(reminder.text()).contains("https://nap.example.az/workspace/tasks/" + task("MCHT").taskId());
        assertThat(mail(MILLI_MECLIS_CONTACT, "Xatırlatma").orElseThrow().subject())
                .isEqualTo("Xatırlatma: tədbir 1.1 üzrə hesabat dəvəti, son tarix 15.07.2026");

        at("2026-07-15T19:00:00"); // 23:00 in Baku on the due date: not overdue yet
        runDue();
        assertThat(rows("ESCALATION")).isEmpty();

        at("2026-07-16T05:00:00"); // 09:00 the day after due: the first escalation, executors only
        runDue();
        assertThat(rows("ESCALATION")).extracting(OutboxMessage::recipient).containsExactlyInAnyOrder(MCHT_CONTACT,
                "aciq-hokumet@mcht.demo.opengov.example", MCHT_USER, "hesabat@edu.demo.opengov.example",
                "aciq-hokumet@edu.demo.opengov.example", EDU_USER);
        deliverAll();
        Mails.Received first = mail(MCHT_USER, "Overdue").orElseThrow();
        assertThat(first.subject()).isEqualTo("Overdue: report on measure 1.1 is 1 working days late");
        assertThat(first.text()).contains("Overdue: 1 working days", "Due: 15.07.2026, 23:59 (Baku time)",
                "https://nap.example.az/workspace/tasks/" + task("MCHT").taskId());
        assertThat(mail(EDU_USER, "Просрочка").orElseThrow().text()).contains("просрочен на 1 раб. дн.");

        // seven days later (six working days late): the second, to the head and the administrators too
        at("2026-07-23T05:00:00");
        runDue();
        runDue();
        List<OutboxMessage> second = rows("ESCALATION").stream().filter(m -> m.dedupKey().endsWith("|2")).toList();
        assertThat(second).extracting(OutboxMessage::recipient).contains(MCHT_HEAD, "rehber@edu.demo.opengov.example",
                ADMIN, MCHT_USER, EDU_USER);
        deliverAll();
        assertThat(mail(MCHT_HEAD, "1.1").orElseThrow().subject())
                .isEqualTo("Gecikmə: tədbir 1.1 üzrə hesabat 6 iş günüdür gecikir");
        // the administrator gets one mail for both overdue agencies, in English, listing each with its agency
        assertThat(mailsTo(ADMIN)).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Overdue: 2 reports are late");
            assertThat(m.outboxKeys()).hasSize(2);
            assertThat(m.text().replace("\r\n", "\n")).contains("2 notices for you arose at the same time",
                    "* Overdue: report on measure 1.1 is 6 working days late\n  " + measure.planCode() + " · 1.1 — "
                            + "Elektron xidmətlərin genişləndirilməsi · ");
            assertThat(m.text().split("\\* Overdue: ", -1)).hasSize(3);
            assertThat(m.html()).contains("<html lang=\"en\">", "Elektron xidmətlərin genişləndirilməsi");
        });

        // the invited body is never escalated, even when its window closes
        at("2026-08-15T05:00:00");
        runDue();
        assertThat(rows("ESCALATION")).extracting(OutboxMessage::agencyCode).doesNotContain("MILLI_MECLIS");

        // timers firing again (a restart, a retried job) queue nothing more and send nothing twice
        deliverAll();
        int queued = rows(null).size();
        int sent = mine().size();
        at("2026-07-23T05:00:00");
        deadlines.escalate(measure.id(), 1, "MCHT", LocalDate.of(2026, 7, 15), 7);
        tx.executeWithoutResult(s -> jdbc.sql("delete from deadline_event where measure_id = ?").param(measure.id())
                .update()); // even if the deadline point itself were recorded again, the outbox key holds
        deadlines.escalate(measure.id(), 1, "MCHT", LocalDate.of(2026, 7, 15), 7);
        at("2026-07-08T05:00:00");
        deadlines.remind(measure.id(), 1, "MCHT", LocalDate.of(2026, 7, 15));
        deliverAll();
        assertThat(rows(null)).hasSize(queued);
        assertThat(mine()).hasSize(sent);
    }

    @Test
    void anExtendedDueDateIsMailedToTheAgencyWithTheSameTasksLinkAndItsReminderComesAgain() throws Exception {
        deliverAll();
        String taskId = task("MCHT").taskId();
        at("2026-07-08T05:00:00");
        runDue(); // the reminder for 15 July
        deliverAll();
        SMTP.purgeEmailFromAllMailboxes();

        at("2026-07-10T06:00:00");
        execution.extendDueDate(measure.id(), 1, "MCHT", LocalDate.of(2026, 8, 31), "Məzuniyyət dövrü", ADM);
        assertThat(rows("DUE_DATE_EXTENDED")).extracting(OutboxMessage::recipient).containsExactlyInAnyOrder(
                MCHT_CONTACT, "aciq-hokumet@mcht.demo.opengov.example", MCHT_USER);
        deliverAll();
        String taskLink = "https://nap.example.az/workspace/tasks/" + taskId;
        assertThat(task("MCHT").taskId()).isEqualTo(taskId);
        Mails.Received en = mail(MCHT_USER, "1.1").orElseThrow();
        assertThat(en.subject()).isEqualTo("Measure 1.1: report due date extended to 31.08.2026");
        assertThat(en.text()).contains("has been extended. The new due date is 31.08.2026",
                "Due: 31.08.2026, 23:59 (Baku time)", "Prepare the report: " + taskLink);
        assertThat(mail(MCHT_CONTACT, "1.1").orElseThrow().subject())
                .isEqualTo("Tədbir 1.1: hesabatın son tarixi 31.08.2026 tarixinədək uzadıldı");
        // nobody else hears of it; EDU's report keeps its date
        assertThat(mine()).extracting(Mails.Received::to).containsOnly(MCHT_CONTACT,
                "aciq-hokumet@mcht.demo.opengov.example", MCHT_USER);
        assertThat(task("EDU").dueAt()).isEqualTo(Instant.parse("2026-07-15T19:59:59Z"));

        // the reminder comes again seven days before the new date
        at("2026-08-24T05:00:00");
        runDue();
        assertThat(rows("REMINDER")).filteredOn(m -> "MCHT".equals(m.agencyCode()))
                .extracting(OutboxMessage::dueDate).contains(LocalDate.of(2026, 7, 15), LocalDate.of(2026, 8, 31));
        deliverAll(); // on this test's clock: the next test's clock is earlier, and mail queued now would wait for it
    }

    @Test
    void reviewersHearOfASubmissionTheAgencyOfAReturnWithTheCommentAndOfThePublication() {
        ReportContent content = new ReportContent("SUBSTANTIAL", "Portal işə salınıb", "3 xidmət", null, null, null);
        execution.submit(task("MCHT").taskId(), content, MCHT);
        runDue();
        assertThat(rows("REVIEW_WAITING")).extracting(OutboxMessage::recipient).containsExactly(REVIEWER);
        deliverAll();
        WorkItem review = worklist.openForMeasure(measure.id()).stream()
                .filter(w -> w.kind().name().equals("REVIEW")).findFirst().orElseThrow();
        Mails.Received waiting = mail(REVIEWER, "1.1").orElseThrow();
        assertThat(waiting.subject()).isEqualTo("Tədbir 1.1: Rabitə və Yüksək Texnologiyalar Nazirliyi hesabatı "
                + "baxılmağı gözləyir");
        assertThat(waiting.text()).contains("https://nap.example.az/workspace/tasks/" + review.taskId());

        execution.review(review.taskId(), "RETURNED", "İndikatorlar üzrə rəqəmləri əlavə edin <b>tam</b>", null, REV);
        runDue();
        assertThat(rows("RETURNED")).extracting(OutboxMessage::recipient).containsExactlyInAnyOrder(MCHT_CONTACT,
                "aciq-hokumet@mcht.demo.opengov.example", MCHT_USER);
        deliverAll();
        Mails.Received returned = mail(MCHT_USER, "returned").orElseThrow();
        assertThat(returned.subject()).isEqualTo("Measure 1.1: report returned for revision, due 15.07.2026");
        assertThat(returned.text()).contains("Comment of the commission:",
                "İndikatorlar üzrə rəqəmləri əlavə edin <b>tam</b>",
                "https://nap.example.az/workspace/tasks/" + task("MCHT").taskId());
        // the comment is text in the HTML part, never markup
        assertThat(returned.html()).contains("İndikatorlar üzrə rəqəmləri əlavə edin &lt;b&gt;tam&lt;/b&gt;");

        execution.submit(task("MCHT").taskId(), content, MCHT);
        runDue();
        assertThat(rows("REVIEW_WAITING")).hasSize(2); // a new version is a new occasion
        WorkItem again = worklist.openForMeasure(measure.id()).stream()
                .filter(w -> w.kind().name().equals("REVIEW")).findFirst().orElseThrow();
        execution.review(again.taskId(), "APPROVED", null, "SUBSTANTIAL", REV);
        runDue();
        assertThat(rows("PUBLISHED")).extracting(OutboxMessage::recipient).containsExactlyInAnyOrder(MCHT_CONTACT,
                "aciq-hokumet@mcht.demo.opengov.example", MCHT_USER);
        deliverAll();
        Mails.Received published = mail(MCHT_USER, "published").orElseThrow();
        assertThat(published.subject()).isEqualTo("Measure 1.1: report approved and published");
        assertThat(published.text()).contains("https://nap.example.az/plans/" + measure.planCode() + "/measures/1.1");
    }

    /**
     * Who reviews and the agency's name are kept between transactions (ReferenceCache), and a change through the
     * services is in the very next mail: a reviewer added, an agency renamed, a reviewer disabled.
     */
    @Test
    void aReviewerAddedOrDisabledAndAnAgencyRenamedCountAtTheNextSubmissionThoughKept() {
        ReportContent content = new ReportContent("SUBSTANTIAL", "Portal işə salınıb", "3 xidmət", null, null, null);
        execution.submit(task("MCHT").taskId(), content, MCHT);
        assertThat(rows("REVIEW_WAITING")).extracting(OutboxMessage::recipient).containsExactly(REVIEWER);

        String second = "reviewer2@nap.example.az";
        userAdmin.create("n-rev2", new UserChange("Rəyçi 2", second, "en", "ACC", true, false, true),
                "secret-password", "test");
        Agency edu = agencies.get("EDU");
        agencies.update(new Agency(edu.code(), edu.kind(), "Təhsil Nazirliyi (yeni ad)", edu.nameEn(), edu.nameRu(),
                edu.emails(), edu.headEmail()));
        try {
            execution.submit(task("EDU").taskId(), content, EDU);
            assertThat(rows("REVIEW_WAITING").stream().filter(m -> m.agencyCode().equals("EDU")))
                    .extracting(OutboxMessage::recipient).containsExactlyInAnyOrder(REVIEWER, second);
            assertThat(rows("REVIEW_WAITING").stream().filter(m -> m.agencyCode().equals("EDU")
                    && m.recipient().equals(REVIEWER)).findFirst().orElseThrow().subject())
                    .contains("Təhsil Nazirliyi (yeni ad)");
        } finally {
            userAdmin.update("n-rev2", new UserChange("Rəyçi 2", second, "en", "ACC", true, false, false), "test");
            agencies.update(edu);
        }
        execution.review(worklist.openForMeasure(measure.id()).stream()
                .filter(w -> w.kind().name().equals("REVIEW") && w.agencyCode().equals("MCHT")).findFirst()
                .orElseThrow().taskId(), "RETURNED", "Rəqəmləri əlavə edin", null, REV);
        execution.submit(task("MCHT").taskId(), content, MCHT);
        assertThat(rows("REVIEW_WAITING").stream().filter(m -> m.agencyCode().equals("MCHT")))
                .extracting(OutboxMessage::recipient).as("the disabled reviewer no more").containsExactly(REVIEWER,
                        REVIEWER);
    }

    @Test
    void theWeeklyDigestOncePerWeekForEachAgencyTheCommissionAndTheAdministrators() {
        execution.submit(task("EDU").taskId(),
                new ReportContent("LIMITED", "Hazırlanır", "1 xidmət", null, null, null), EDU);
        runDue();
        at("2026-07-20T05:00:00"); // Monday 09:00 in Baku, week 30; MCHT's report is 5 days overdue
        runDue();
        int queued = notifications.enqueueWeeklyDigests();
        assertThat(queued).isPositive();
        assertThat(notifications.enqueueWeeklyDigests()).isZero(); // the same week again: nothing
        List<OutboxMessage> digests = rowsLike("DIGEST_%");
        assertThat(digests).extracting(OutboxMessage::dedupKey).allMatch(k -> k.endsWith("|week=2026-W30"));
        assertThat(digests.stream().filter(m -> m.kind() == MailKind.DIGEST_AGENCY).map(OutboxMessage::recipient))
                .contains(MCHT_USER, MCHT_CONTACT, MILLI_MECLIS_CONTACT);
        deliverAll();

        Mails.Received agency = Mails.one(SMTP, MCHT_USER, "Weekly digest").orElseThrow();
        assertThat(agency.subject()).startsWith("Weekly digest 2026-W30:").contains("of Ministry of Communications");
        assertThat(agency.text()).contains(
                "* 1.1 | Ministry of Communications and High Technologies of the Republic of Azerbaijan",
                "Progress report", "Due: 15.07.2026", "Overdue (days): 5",
                "https://nap.example.az/workspace/tasks/" + task("MCHT").taskId());
        Mails.Received commission = Mails.one(SMTP, REVIEWER, "Həftəlik icmal").orElseThrow();
        assertThat(commission.subject()).startsWith("Həftəlik icmal 2026-W30:");
        assertThat(commission.text()).contains("Hesabata baxış", "Təhsil Nazirliyi");
        Mails.Received admin = Mails.one(SMTP, ADMIN, "Weekly digest").orElseThrow();
        assertThat(admin.text()).contains(
                "== Ministry of Communications and High Technologies of the Republic of Azerbaijan ==",
                "Overdue (days): 5");
        assertThat(admin.html()).contains("<h3",
                "Ministry of Communications and High Technologies of the Republic of Azerbaijan");

        at("2026-07-27T05:00:00"); // the next week: a new digest
        assertThat(notifications.enqueueWeeklyDigests()).isPositive();
    }

    @Test
    void aRolledBackStepQueuesNothingAndACommittedOneIsQueued() {
        LocalDate due = LocalDate.of(2026, 7, 15);
        tx.executeWithoutResult(s -> {
            deadlines.remind(measure.id(), 1, "MCHT", due);
            assertThat(rows("REMINDER")).isNotEmpty(); // written in the step's transaction...
            s.setRollbackOnly();
        });
        assertThat(rows("REMINDER")).isEmpty(); // ...and gone with it
        deliverAll();
        assertThat(mine().stream().filter(m -> m.subject().contains("Reminder"))).isEmpty();

        tx.executeWithoutResult(s -> deadlines.remind(measure.id(), 1, "MCHT", due));
        assertThat(rows("REMINDER")).hasSize(3);
        deliverAll();
        assertThat(mail(MCHT_USER, "Reminder")).isPresent();
    }

    /** Mails about this test's measure (earlier tests' measures run on in the same engine). */
    private List<Mails.Received> mine() {
        return Mails.received(SMTP).stream().filter(m -> m.text().contains(measure.planCode())).toList();
    }

    private List<Mails.Received> mailsTo(String address) {
        return mine().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    private java.util.Optional<Mails.Received> mail(String address, String subjectPart) {
        return mailsTo(address).stream().filter(m -> m.subject().contains(subjectPart)).findFirst();
    }

    /**
     * Runs the due jobs and reminders of this test's measure only: earlier tests' measures have the same calendar, and
     * their mails to the same addresses would leave joined with this test's.
     */
    private void runDue() {
        EngineJobs.runDue(management, reminders, escalations, measure.processInstanceId());
    }

    private void deliverAll() {
        for (int i = 0; i < 100 && sender.deliverDue() > 0; i++) {
            // until the outbox is empty
        }
    }

    private WorkItem task(String agency) {
        return worklist.openForMeasure(measure.id()).stream()
                .filter(w -> agency.equals(w.agencyCode()) && !w.kind().name().equals("REVIEW")).findFirst()
                .orElseThrow();
    }

    /** This measure's outbox rows of one kind (all kinds if null). */
    List<OutboxMessage> rows(String kind) {
        return jdbc.sql("select id from mail_outbox where measure_id = ? and (kind = ? or ? = 'ALL') order by id")
                .params(measure.id(), kind == null ? "ALL" : kind, kind == null ? "ALL" : kind)
                .query(Long.class).list().stream().map(id -> notifications.message(id)).toList();
    }

    List<OutboxMessage> rowsLike(String kind) {
        return jdbc.sql("select id from mail_outbox where kind like ? order by id").param(kind)
                .query(Long.class).list().stream().map(id -> notifications.message(id)).toList();
    }

    static void at(String utc) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(utc + "Z")));
    }
}
