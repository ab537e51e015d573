package az.opengov.nap.portal;

import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.publication.PublicationService;
import az.opengov.nap.reporting.ReportContent;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.support.EngineJobs;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorklistService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationContext;

/**
 * A known set of published and unpublished content, built once per application context through the real process:
 * a plan imported, its measures running, reports submitted, returned, resubmitted, approved and published by the
 * engine. Everything that must never be public carries the marker {@link #SECRET}.
 */
final class PortalFixture {

    static final String PLAN = "PORTAL-T";
    /** In every text that must never appear publicly: drafts, versions under review or returned, comments, names. */
    static final String SECRET = "GIZLI";
    static final String SECRET_LOWER = "gizli";
    /** The day the tests look at the portal: the first cycle's reports were due on 15 July. */
    static final Instant NOW = Instant.parse("2026-08-15T08:00:00Z");

    static final String PUBLISHED_MCHT = "Şəffaflıq portalı istifadəyə verildi; İnformasiya əlçatandır";
    static final String PUBLISHED_FINANCE = "<script>alert('xss')</script> Maliyyə şəffaflığı <b>qalın</b>";
    static final String ASSESSMENT = "Yekun: tədbir tam icra olunub";
    static final String EXTENSION_REASON = "Məzuniyyət dövrü ilə əlaqədar";
    static final String CANCEL_REASON = "Tədbir başqa proqrama daxil edilib";

    static final String CSV = """
            section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,recommended,\
            period
            1,Elektron xidmətlərin təkmilləşdirilməsi,,,1.1,1.1,Şəffaflıq portalının yaradılması,\
            Portal istifadəyə verilib,Rabitə və Yüksək Texnologiyalar Nazirliyi;Təhsil Nazirliyi,Milli Məclis,2016
            1,Elektron xidmətlərin təkmilləşdirilməsi,,,1.2,1.2,Ədliyyə xidmətlərinin elektronlaşdırılması,\
            Elektron xidmətlərin sayı,Ədliyyə Nazirliyi,,2016
            2,İctimai iştirak,,,2.1,2.1,Büdcə üzrə ictimai müzakirələrin keçirilməsi,Müzakirələrin sayı,\
            Maliyyə Nazirliyi,,2016
            2,İctimai iştirak,,,2.2,2.2,Ləğv olunacaq tədbir,İndikator,Maliyyə Nazirliyi,,2016
            """;

    static final AppUser ADMIN = new AppUser("adm-gizli-ad", "Admin GIZLI", "admin-gizli@example.org", "az", null,
            false, true, true);
    static final AppUser REVIEWER = new AppUser("rev-gizli-ad", "Reviewer GIZLI", "rev-gizli@example.org", "az",
            "ACC", true, false, true);

    static final String PUBLIC_EVIDENCE = "portal-hesabati.pdf";

    private PortalFixture() {
    }

    /** A small real PDF whose text is the marker. */
    static byte[] pdf(String marker) {
        var out = new java.io.ByteArrayOutputStream();
        var document = new com.lowagie.text.Document();
        com.lowagie.text.pdf.PdfWriter.getInstance(document, out);
        document.open();
        document.add(new com.lowagie.text.Paragraph("evidence " + marker));
        document.close();
        return out.toByteArray();
    }

    static synchronized void ensure(ApplicationContext context) {
        PlanService plans = context.getBean(PlanService.class);
        if (plans.findPlan(PLAN).isPresent()) {
            return;
        }
        PlanImportService imports = context.getBean(PlanImportService.class);
        MeasureExecutionService execution = context.getBean(MeasureExecutionService.class);
        WorklistService worklist = context.getBean(WorklistService.class);
        ManagementService management = context.getBean(ManagementService.class);
        PublicationService publications = context.getBean(PublicationService.class);
        ReportingService reports = context.getBean(ReportingService.class);
        try {
            at("2026-07-01T08:00:00Z");
            imports.commit(new ImportRequest(PLAN, "Açıq hökumətin təşviqinə dair Milli Fəaliyyət Planı (test)", 2016,
                    2016, 10, PlanCalendar.DEFAULT, false, CSV.getBytes(StandardCharsets.UTF_8), "plan.csv", "test"));
            EngineJobs.runDue(management);
            Measure m11 = plans.findMeasure(PLAN, "1.1").orElseThrow();
            Measure m12 = plans.findMeasure(PLAN, "1.2").orElseThrow();
            Measure m21 = plans.findMeasure(PLAN, "2.1").orElseThrow();
            Measure m22 = plans.findMeasure(PLAN, "2.2").orElseThrow();

            at("2026-07-05T08:00:00Z");
            // MCHT: a first version returned with an internal comment, the second approved and published
            AppUser mcht = agencyUser("MCHT");
            execution.submit(task(worklist, m11, "MCHT"), content("LIMITED", SECRET + "-QARALAMA-BIR birinci versiya",
                    SECRET + "-INDIKATOR", SECRET + "-MANEE", "https://e-gov.az/" + SECRET + "-internal"), mcht);
            execution.review(review(worklist, m11, "MCHT"), "RETURNED", SECRET + "-SERH-IKI daxili şərh", null,
                    REVIEWER);
            execution.submit(task(worklist, m11, "MCHT"), content("SUBSTANTIAL", PUBLISHED_MCHT,
                    "12 elektron xidmət, 340 istifadəçi", "Maliyyələşmə gecikdi", "https://e-gov.az/evidence/1"), mcht);
            // evidence files of MCHT's report: one public, one internal (its name must never show)
            var evidence = context.getBean(az.opengov.nap.evidence.EvidenceService.class);
            evidence.store(m11.id(), 1, "MCHT", PUBLIC_EVIDENCE, pdf("public"),
                    az.opengov.nap.evidence.EvidenceVisibility.PUBLIC, mcht.username());
            evidence.store(m11.id(), 1, "MCHT", SECRET + "-daxili.pdf", pdf("internal"),
                    az.opengov.nap.evidence.EvidenceVisibility.INTERNAL, mcht.username());
            execution.review(review(worklist, m11, "MCHT"), "APPROVED", null, "SUBSTANTIAL", REVIEWER);
            // EDU: submitted, waiting for review
            execution.submit(task(worklist, m11, "EDU"), content("COMPLETE", SECRET + "-YOXLAMADA-UC gözləyir",
                    "x", null, null), agencyUser("EDU"));
            // JUSTICE: a draft only
            execution.saveDraft(task(worklist, m12, "JUSTICE"), content("LIMITED", SECRET + "-QARALAMA-DORD",
                    null, null, null), agencyUser("JUSTICE"));
            // FINANCE: approved and published, with markup typed by a person
            execution.submit(task(worklist, m21, "FINANCE"), content("COMPLETE", PUBLISHED_FINANCE,
                    "3 müzakirə <img src=x onerror=alert(1)>", null, "https://minfin.gov.az/muzakire"),
                    agencyUser("FINANCE"));
            execution.review(review(worklist, m21, "FINANCE"), "APPROVED", null, null, REVIEWER);
            EngineJobs.runDue(management);

            at("2026-07-10T08:00:00Z");
            execution.extendDueDate(m12.id(), 1, "JUSTICE", LocalDate.of(2026, 8, 31), EXTENSION_REASON, ADMIN);
            execution.cancel(m22.id(), CANCEL_REASON, ADMIN);
            // a published final assessment, and one assessed but not published
            publications.assess(m21.id(), "COMPLETE", ASSESSMENT, REVIEWER.username());
            publications.publishAssessment(m21.id());
            publications.assess(m12.id(), "NO_EVIDENCE", SECRET + "-YEKUN-BES", REVIEWER.username());
            EngineJobs.runDue(management);

            // past the invited body's window: the Milli Məclis did not report; EDU's report is overdue
            at("2026-08-15T06:00:00Z");
            EngineJobs.runDue(management);
            if (reports.history(m11.id(), "MCHT").size() != 2) {
                throw new IllegalStateException("fixture: MCHT should have two versions");
            }
        } finally {
            ClockUtil.setCurrentTime(Date.from(NOW));
        }
    }

    static AppUser agencyUser(String agency) {
        return new AppUser(agency.toLowerCase() + "-gizli-user", agency + " GIZLI user", null, "az", agency, false,
                false, true);
    }

    static ReportContent content(String level, String done, String indicators, String obstacles, String links) {
        return new ReportContent(level, done, indicators, obstacles, null, links);
    }

    static String task(WorklistService worklist, Measure m, String agency) {
        return worklist.openForMeasure(m.id()).stream()
                .filter(w -> agency.equals(w.agencyCode()) && w.kind().name().contains("REPORT"))
                .map(WorkItem::taskId).findFirst().orElseThrow(() -> new IllegalStateException("no task " + agency));
    }

    static String review(WorklistService worklist, Measure m, String agency) {
        List<WorkItem> queue = worklist.reviewQueue(0, 100);
        return queue.stream().filter(w -> w.measureId() == m.id() && agency.equals(w.agencyCode()))
                .map(WorkItem::taskId).findFirst().orElseThrow(() -> new IllegalStateException("no review " + agency));
    }

    static void at(String instant) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
    }

    static void now() {
        ClockUtil.setCurrentTime(Date.from(NOW));
    }
}
