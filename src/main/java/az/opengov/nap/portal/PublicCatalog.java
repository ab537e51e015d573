package az.opengov.nap.portal;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.MeasureAction;
import az.opengov.nap.measure.Participant;
import az.opengov.nap.measure.ParticipantStatus;
import az.opengov.nap.measure.ReportingCycle;
import az.opengov.nap.plan.AgencyRole;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.MeasureAgency;
import az.opengov.nap.plan.Plan;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.plan.Section;
import az.opengov.nap.portal.Published.ActionView;
import az.opengov.nap.portal.Published.AgencyRecord;
import az.opengov.nap.portal.Published.AgencyView;
import az.opengov.nap.portal.Published.AssessmentView;
import az.opengov.nap.portal.Published.MeasureView;
import az.opengov.nap.portal.Published.PartyView;
import az.opengov.nap.portal.Published.PlanView;
import az.opengov.nap.portal.Published.RecordEntry;
import az.opengov.nap.portal.Published.ReportView;
import az.opengov.nap.portal.Published.SectionView;
import az.opengov.nap.portal.Published.Standing;
import az.opengov.nap.publication.Publication;
import az.opengov.nap.publication.PublicationService;
import az.opengov.nap.reporting.ProgressReport;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.review.Review;
import az.opengov.nap.review.ReviewDecision;
import az.opengov.nap.review.ReviewService;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.NapException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The public side's one service: a snapshot of everything published, rebuilt when the data changes (a cheap
 * fingerprint query tells), read by the pages, the open data API, the downloads, the feeds and the implementation
 * report. Only published reports and published final assessments enter it; everything else stays out by
 * construction.
 */
@Service
public class PublicCatalog {

    private final PortalRepository repository;
    private final PlanService plans;
    private final AgencyService agencies;
    private final CycleService cycles;
    private final PublicationService publications;
    private final ReportingService reports;
    private final ReviewService reviews;

    private volatile Snapshot snapshot;
    /** When the fingerprint was last compared and the snapshot last read ({@link System#nanoTime()}). */
    private volatile long checkedAt;
    private volatile long readAt;
    private final long recheckEvery;
    private final java.util.concurrent.locks.ReentrantLock rebuilding = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.atomic.AtomicBoolean refreshing =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** The one thread that compares and rebuilds in the background, on its own clock. */
    private final java.util.concurrent.ScheduledExecutorService background = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "public-catalogue");
                t.setDaemon(true);
                return t;
            });
    /** How long after the last reader the background keeps comparing. */
    static final long KEEP_COMPARING = java.time.Duration.ofMinutes(10).toNanos();

    PublicCatalog(PortalRepository repository, PlanService plans, AgencyService agencies, CycleService cycles,
                  PublicationService publications, ReportingService reports, ReviewService reviews,
                  @org.springframework.beans.factory.annotation.Value("${nap.portal.recheck-every:2s}")
                  java.time.Duration recheckEvery) {
        this.recheckEvery = recheckEvery.toNanos();
        if (this.recheckEvery > 0) {
            background.scheduleWithFixedDelay(this::recheckWhileRead, this.recheckEvery, this.recheckEvery,
                    java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        this.repository = repository;
        this.plans = plans;
        this.agencies = agencies;
        this.cycles = cycles;
        this.publications = publications;
        this.reports = reports;
        this.reviews = reviews;
    }

    /** The order of published reports in lists: newest first (by publication time, then id). */
    static final Comparator<ReportView> NEWEST_FIRST = Comparator.comparing(ReportView::publishedAt)
            .thenComparing(ReportView::id).reversed();

    /** Everything public at one moment. {@code version} changes whenever any of it may have changed. */
    public record Snapshot(String version, Instant lastChange, List<PlanView> plans, Map<String, AgencyView> agencies,
                           Map<String, List<RecordEntry>> records, List<ReportView> reports) {

        public Optional<PlanView> plan(String code) {
            return plans.stream().filter(p -> p.code().equals(code)).findFirst();
        }

        public Optional<MeasureView> measure(String planCode, String code) {
            return plan(planCode).flatMap(p -> p.measures().stream().filter(m -> m.code().equals(code)).findFirst());
        }

        public Optional<ReportView> report(long id) {
            return reports.stream().filter(r -> r.id() == id).findFirst();
        }

        /** The published reports of a plan (of every plan if null), newest first. */
        public List<ReportView> reports(String planCode) {
            return reports(planCode, null);
        }

        /**
         * The published reports of a plan and measure, newest first; a null code matches any plan or measure. A
         * plan's measure's reports are its own few, not a pass over every report (a national plan publishes tens of
         * thousands).
         */
        public List<ReportView> reports(String planCode, String measureCode) {
            if (planCode != null && measureCode != null) {
                return measure(planCode, measureCode).map(m -> m.reports().stream().sorted(NEWEST_FIRST).toList())
                        .orElse(List.of());
            }
            return reports.stream().filter(r -> planCode == null || r.planCode().equals(planCode))
                    .filter(r -> measureCode == null || r.measureCode().equals(measureCode)).toList();
        }

        public AgencyView agency(String code) {
            return agencies.get(code);
        }

        /** The agencies that take or took part in a measure of any plan, by name. */
        public List<AgencyView> participatingAgencies() {
            return agencies.values().stream().filter(a -> records.containsKey(a.code()))
                    .sorted(Comparator.comparing(AgencyView::nameAz, az.opengov.nap.portal.PublicCatalog::compareAz))
                    .toList();
        }

        public Optional<AgencyRecord> agencyRecord(String code) {
            AgencyView agency = agencies.get(code);
            if (agency == null || !records.containsKey(code)) {
                return Optional.empty();
            }
            List<MeasureView> measures = plans.stream().flatMap(p -> p.measures().stream())
                    .filter(m -> takesPart(m, code)).toList();
            List<ReportView> own = reports.stream().filter(r -> r.agencyCode().equals(code)).toList();
            return Optional.of(new AgencyRecord(agency, measures, own, records.get(code)));
        }

        private static boolean takesPart(MeasureView m, String code) {
            return m.executors().stream().anyMatch(p -> p.agencyCode().equals(code))
                    || m.recommended().stream().anyMatch(p -> p.agencyCode().equals(code));
        }

        /** A weak-free validator for conditional GETs of one representation of this snapshot. */
        public String etag(String... variant) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(version.getBytes(StandardCharsets.UTF_8));
                for (String v : variant) {
                    md.update((byte) 0);
                    md.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
                }
                return "\"" + HexFormat.of().formatHex(md.digest(), 0, 12) + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The snapshot as of now. The fingerprint (a cheap query over what the public side shows) is compared every
     * {@code nap.portal.recheck-every} (2 s) by a background thread of its own, while the portal is being read (until
     * ten minutes after the last reader): readers get the snapshot there is and never wait for the comparison or a
     * rebuild, nor pay for it on their request ("stale while revalidate"). A publication or import on this node
     * starts a comparison at once; so does the first reader after a quiet spell, who gets the snapshot from before it.
     * Only the very first request, and the first of a new day (overdue standings move with the date), wait for a
     * build. With {@code recheck-every} 0 every request compares first (tests).
     */
    public Snapshot snapshot() {
        Snapshot current = snapshot;
        String today = Clock.today().toString();
        long now = System.nanoTime();
        readAt = now;
        if (current == null || recheckEvery == 0 || !current.version().endsWith(today)) {
            return refresh(today, current != null);
        }
        if (now - checkedAt >= 2 * recheckEvery) {
            recheckSoon();
        }
        return current;
    }

    /** Something public changed on this node: compare now, if anyone has read the catalogue yet. */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true,
            classes = {az.opengov.nap.publication.ReportPublished.class, az.opengov.nap.plan.PlanImported.class})
    void published() {
        if (recheckEvery > 0 && snapshot != null) {
            recheckSoon();
        }
    }

    /** The background's turn: compare if anyone read the catalogue lately. */
    private void recheckWhileRead() {
        if (snapshot != null && System.nanoTime() - readAt < KEEP_COMPARING) {
            recheck();
        }
    }

    private void recheckSoon() {
        if (refreshing.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    try {
                        recheck();
                    } finally {
                        refreshing.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                refreshing.set(false);
            }
        }
    }

    private void recheck() {
        try {
            refresh(Clock.today().toString(), false);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(PublicCatalog.class)
                    .warn("Public catalogue not refreshed; serving the one from before", e);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        background.shutdownNow();
    }

    /**
     * Compares the fingerprint and rebuilds on a change. {@code orKeep}: if another thread is at it, return the
     * snapshot there is rather than wait.
     */
    private Snapshot refresh(String today, boolean orKeep) {
        if (orKeep && !rebuilding.tryLock()) {
            return snapshot;
        }
        if (!orKeep) {
            rebuilding.lock();
        }
        try {
            PortalRepository.Fingerprint fingerprint = repository.fingerprint();
            String version = fingerprint.version() + today;
            Snapshot current = snapshot;
            if (current == null || !current.version().equals(version)) {
                current = build(version, fingerprint.lastChange());
                snapshot = current;
            }
            checkedAt = System.nanoTime();
            return current;
        } finally {
            rebuilding.unlock();
        }
    }

    /** The one answer for anything that is not public: exactly the answer for what does not exist. */
    public static NapException notPublic() {
        return new NapException(HttpStatus.NOT_FOUND, "portal.notFound");
    }

    static int compareAz(String a, String b) {
        return SearchText.fold(a).compareTo(SearchText.fold(b));
    }

    // ---- building the snapshot ----------------------------------------------------------------------------------

    private Snapshot build(String version, Instant lastChange) {
        Map<String, AgencyView> agencyViews = new LinkedHashMap<>();
        for (Agency a : agencies.all()) {
            agencyViews.put(a.code(), new AgencyView(a.code(), a.kind().name(), a.nameAz(), a.nameEn(), a.nameRu()));
        }
        Map<String, List<RecordEntry>> records = new LinkedHashMap<>();
        List<ReportView> allReports = new ArrayList<>();
        List<PlanView> planViews = new ArrayList<>();
        LocalDate today = Clock.today();
        for (Plan plan : plans.plans()) {
            Map<Integer, List<MeasureView>> bySection = new LinkedHashMap<>();
            for (Measure m : plans.measures(plan.code())) {
                MeasureView view = measure(plan, m, today, records, allReports);
                bySection.computeIfAbsent(m.section(), k -> new ArrayList<>()).add(view);
            }
            List<SectionView> sections = new ArrayList<>();
            for (Section s : plans.sections(plan.code())) {
                sections.add(new SectionView(plan.code(), s.number(), s.title(),
                        List.copyOf(bySection.getOrDefault(s.number(), List.of()))));
            }
            planViews.add(new PlanView(plan.code(), plan.title(), plan.firstYear(), plan.lastYear(), plan.yearShift(),
                    List.copyOf(sections), lastChange));
        }
        allReports.sort(NEWEST_FIRST);
        records.values().forEach(list -> list.sort(Comparator.comparing(RecordEntry::dueDate).reversed()
                .thenComparing(RecordEntry::measureCode)));
        return new Snapshot(version, lastChange, List.copyOf(planViews), Map.copyOf(agencyViews), records,
                List.copyOf(allReports));
    }

    private MeasureView measure(Plan plan, Measure m, LocalDate today, Map<String, List<RecordEntry>> records,
                                List<ReportView> allReports) {
        List<PartyView> executors = new ArrayList<>();
        List<PartyView> recommended = new ArrayList<>();
        List<MeasureAgency> named = plans.parties(m.id());
        List<MeasureAgency> expanded = plans.agencies(m.id());
        List<MeasureAgency> shown = new ArrayList<>(expanded.isEmpty() ? named : expanded);
        // in the order the plan names them; members of a collective where the collective stands, added ones last
        List<String> printed = named.stream().map(MeasureAgency::agencyCode).toList();
        shown.sort(Comparator.comparingInt((MeasureAgency a) -> {
            int i = printed.indexOf(a.agencyCode());
            int j = a.namedAs() == null ? -1 : printed.indexOf(a.namedAs());
            return i >= 0 ? i : (j >= 0 ? j : printed.size());
        }));
        for (MeasureAgency a : shown) {
            PartyView p = new PartyView(a.agencyCode(), a.role().name(), a.namedAs(), a.active());
            (a.role() == AgencyRole.EXECUTOR ? executors : recommended).add(p);
            records.computeIfAbsent(a.agencyCode(), k -> new ArrayList<>());
        }
        Map<Integer, ReportingCycle> cyclesByNumber = new LinkedHashMap<>();
        cycles.cycles(m.id()).forEach(c -> cyclesByNumber.put(c.number(), c));

        // the measure's published versions and their decisions in two reads, not two per report
        Map<Long, ProgressReport> publishedVersions = new HashMap<>();
        Map<String, Instant> submittedAt = new HashMap<>();
        for (ProgressReport r : reports.published(m.id())) {
            publishedVersions.put(r.id(), r);
            submittedAt.putIfAbsent(r.cycleNumber() + "/" + r.agencyCode(), r.submittedAt());
        }
        Map<Long, Review> decisions = reviews.ofPublished(m.id());
        List<ReportView> published = new ArrayList<>();
        for (Publication p : publications.publications(m.id())) {
            ProgressReport r = publishedVersions.get(p.reportId());
            if (r == null) {
                continue;
            }
            Review decision = decisions.get(r.id());
            String assessed = decision != null && decision.decision() == ReviewDecision.APPROVED
                    ? decision.completionLevel() : null;
            ReportingCycle c = cyclesByNumber.get(p.cycleNumber());
            var content = r.content();
            published.add(new ReportView(p.id(), plan.code(), m.code(), m.title(), p.agencyCode(), p.cycleNumber(),
                    c == null ? null : c.periodStart(), c == null ? null : c.periodEnd(),
                    c != null && c.finalCycle(), p.publishedAt(), content.completionLevel(), assessed,
                    content.whatWasDone(), content.indicatorValues(), content.obstacles(), content.nextSteps(),
                    links(content.evidenceLinks())));
        }
        published.sort(Comparator.comparing(ReportView::cycle).thenComparing(ReportView::publishedAt)
                .thenComparing(ReportView::id));
        allReports.addAll(published);

        // the reporting record of each agency asked, from the cycles opened so far
        Map<String, ReportView> firstPublished = new HashMap<>();
        published.forEach(r -> firstPublished.putIfAbsent(r.cycle() + "/" + r.agencyCode(), r));
        for (ReportingCycle c : cyclesByNumber.values()) {
            for (Participant part : cycles.participants(m.id(), c.number())) {
                String key = c.number() + "/" + part.agencyCode();
                Optional<ReportView> report = Optional.ofNullable(firstPublished.get(key));
                Standing standing = standing(part, report.isPresent() ? submittedAt.get(key) : null, today);
                if (m.status() == az.opengov.nap.plan.MeasureStatus.CANCELLED && report.isEmpty()
                        && standing != Standing.REMOVED) {
                    standing = Standing.CANCELLED;
                }
                records.computeIfAbsent(part.agencyCode(), k -> new ArrayList<>())
                        .add(new RecordEntry(plan.code(), m.code(), m.title(), c.number(), part.role().name(),
                                part.dueDate(), standing, report.map(ReportView::id).orElse(null)));
            }
        }

        List<ActionView> amendments = new ArrayList<>();
        for (MeasureAction a : cycles.actions(m.id())) {
            amendments.add(new ActionView(a.action(), a.agencyCode(), a.cycleNumber(), a.reason(), a.details(),
                    a.actedAt()));
        }
        amendments.sort(Comparator.comparing(ActionView::actedAt));

        AssessmentView assessment = publications.finalAssessment(m.id()).filter(a -> a.publishedAt() != null)
                .map(a -> new AssessmentView(a.completionLevel(), a.summary(), a.publishedAt())).orElse(null);
        String level = assessment != null ? assessment.completionLevel() : weakestLatest(published);
        return new MeasureView(m.id(), plan.code(), m.code(), m.printedCode(), m.section(), m.subsection(),
                m.subsectionTitle(), m.title(), m.indicators(), m.firstYear(), m.lastYear(), plan.yearShift(),
                m.status().name(), List.copyOf(executors), List.copyOf(recommended), level, List.copyOf(published),
                List.copyOf(amendments), assessment);
    }

    static Standing standing(Participant part, Instant publishedSubmission, LocalDate today) {
        boolean invited = part.role() == AgencyRole.RECOMMENDED;
        if (part.status() == ParticipantStatus.REMOVED) {
            return Standing.REMOVED;
        }
        if (part.status() == ParticipantStatus.PUBLISHED || publishedSubmission != null) {
            if (invited || publishedSubmission == null) {
                return Standing.ON_TIME;
            }
            return publishedSubmission.isAfter(Clock.endOf(part.dueDate())) ? Standing.LATE : Standing.ON_TIME;
        }
        if (part.status() == ParticipantStatus.NOT_REPORTED) {
            return Standing.NOT_REPORTED;
        }
        if (invited) {
            return Standing.INVITED;
        }
        return today.isAfter(part.dueDate()) ? Standing.OVERDUE : Standing.AWAITING;
    }

    private static final List<String> ORDER = List.of("NOT_STARTED", "LIMITED", "SUBSTANTIAL", "COMPLETE");

    /** The weakest of each agency's latest published level; "not reported" when nothing is published. */
    private static String weakestLatest(List<ReportView> published) {
        Map<String, ReportView> latest = new LinkedHashMap<>();
        for (ReportView r : published) {
            latest.merge(r.agencyCode(), r, (a, b) -> b.cycle() >= a.cycle() ? b : a);
        }
        return latest.values().stream().map(ReportView::level).filter(ORDER::contains)
                .min(Comparator.comparingInt(ORDER::indexOf)).orElse(Published.NOT_REPORTED);
    }

    static List<String> links(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(l -> l.startsWith("http://") || l.startsWith("https://"))
                .toList();
    }
}
