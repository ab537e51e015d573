package az.opengov.nap.reporting;

import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.FormDefinitions;
import az.opengov.nap.shared.NapException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Progress reports: drafts, submissions and every version after them. The rules of {@code forms/ProgressReport.form}
 * apply to every submission, whatever channel it came through.
 */
@Service
public class ReportingService {

    private final ReportRepository reports;
    private final FormDefinitions forms;
    private final SubmissionKeys submissionKeys;

    ReportingService(ReportRepository reports, FormDefinitions forms, SubmissionKeys submissionKeys) {
        this.reports = reports;
        this.forms = forms;
        this.submissionKeys = submissionKeys;
    }

    public ProgressReport get(long id) {
        return reports.find(id).orElseThrow(() -> NapException.notFound("report", id));
    }

    public Optional<ProgressReport> current(long measureId, int cycle, String agencyCode) {
        return reports.latest(measureId, cycle, agencyCode);
    }

    /** The measure's published report versions, by cycle, agency and version: one read for the public catalogue. */
    public List<ProgressReport> published(long measureId) {
        return reports.published(measureId);
    }

    /** Every version the agency wrote on the measure, oldest first. */
    public List<ProgressReport> history(long measureId, String agencyCode) {
        return reports.versions(measureId, agencyCode);
    }

    /**
     * Saves the working version: the draft if there is one, a new version after a return, the first version
     * otherwise. A draft may be incomplete, but not too long or with values the form does not offer.
     */
    @Transactional
    public ProgressReport saveDraft(long measureId, int cycle, String agencyCode, ReportContent content, String user) {
        return get(keepDraft(measureId, cycle, agencyCode, content, user));
    }

    /** Saves the working version as {@link #saveDraft} does; returns its id only. */
    @Transactional
    public long keepDraft(long measureId, int cycle, String agencyCode, ReportContent content, String user) {
        List<FieldProblem> problems = new ArrayList<>(forms.validate(FormDefinitions.PROGRESS_REPORT,
                content.asFormValues()).stream().filter(p -> !"validation.required".equals(p.messageKey())).toList());
        problems.addAll(checkLinks(content.evidenceLinks()));
        if (!problems.isEmpty()) {
            throw NapException.invalid(problems);
        }
        Optional<ProgressReport> latest = reports.latest(measureId, cycle, agencyCode);
        long id;
        if (latest.isEmpty()) {
            id = reports.insert(measureId, cycle, agencyCode, 1, content, user, Clock.now());
        } else if (latest.get().status() == ReportStatus.DRAFT) {
            id = latest.get().id();
            reports.updateContent(id, content, Clock.now());
        } else if (latest.get().status() == ReportStatus.RETURNED) {
            id = reports.insert(measureId, cycle, agencyCode, latest.get().version() + 1, content, user, Clock.now());
        } else {
            throw NapException.conflict("error.report.notEditable", latest.get().status());
        }
        return id;
    }

    /**
     * Submits complete content as the working version (written over the draft if there is one, a new version after a
     * return, the first version otherwise) for a submission that completes the report task next, in this
     * transaction: the task's completion then finds the version here ({@link #submit}) instead of reading and checking
     * it again. Content that is not complete changes nothing and names every field at fault.
     *
     * @return the id of the submitted version
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public long submitBeforeTask(long measureId, int cycle, String agencyCode, ReportContent content, String user) {
        requireComplete(content);
        Optional<ProgressReport> latest = reports.latest(measureId, cycle, agencyCode);
        java.time.Instant now = Clock.now();
        long id;
        if (latest.isEmpty()) {
            id = reports.insertSubmitted(measureId, cycle, agencyCode, 1, content, user, now);
        } else if (latest.get().status() == ReportStatus.DRAFT) {
            id = latest.get().id();
            if (reports.submitContent(id, content, user, now) != 1) {
                throw NapException.conflict("error.concurrentChange");
            }
        } else if (latest.get().status() == ReportStatus.RETURNED) {
            id = reports.insertSubmitted(measureId, cycle, agencyCode, latest.get().version() + 1, content, user, now);
        } else {
            throw NapException.conflict("error.report.notEditable", latest.get().status());
        }
        SubmittedInTransaction.remember(measureId, cycle, agencyCode, id);
        return id;
    }

    /** Whether {@link #submitBeforeTask} stored a version of this report in the current transaction (not taken yet). */
    public boolean submittedBeforeTask(long measureId, int cycle, String agencyCode) {
        return SubmittedInTransaction.contains(measureId, cycle, agencyCode);
    }

    /**
     * Accepts a submission: the values given (from a form), or else the version submitted before the task in this
     * transaction ({@link #submitBeforeTask}), or else the saved draft, checked against the form's rules. An invalid
     * submission changes nothing and names every field at fault.
     *
     * @return the id of the submitted version
     */
    @Transactional
    public long submit(long measureId, int cycle, String agencyCode, Map<String, ?> formValues, String user) {
        ReportContent given = ReportContent.fromFormValues(formValues);
        if (!given.isEmpty()) {
            saveDraft(measureId, cycle, agencyCode, given, user);
        } else {
            Long submitted = SubmittedInTransaction.take(measureId, cycle, agencyCode);
            if (submitted != null) {
                return submitted;
            }
        }
        ProgressReport draft = reports.latest(measureId, cycle, agencyCode)
                .filter(r -> r.status() == ReportStatus.DRAFT)
                .orElse(null);
        requireComplete(draft == null ? ReportContent.EMPTY : draft.content());
        if (reports.markSubmitted(draft.id(), user, Clock.now()) != 1) {
            throw NapException.conflict("error.concurrentChange");
        }
        return draft.id();
    }

    /** What an idempotency key may look like: 8 to 100 letters, digits and {@code . _ : -} (a UUID fits). */
    private static final java.util.regex.Pattern IDEMPOTENCY_KEY =
            java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{8,100}");

    /** Refuses a malformed idempotency key with {@code 400}. */
    public static String checkIdempotencyKey(String key) {
        if (key == null || !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new NapException(org.springframework.http.HttpStatus.BAD_REQUEST, "error.idempotency.malformed");
        }
        return key;
    }

    /** A fingerprint of a submission: the task and the content sent, so that a reused key with other content shows. */
    public static String fingerprint(String taskId, ReportContent content) {
        Map<String, Object> values = new java.util.TreeMap<>();
        if (content != null) {
            content.asFormValues().forEach((k, v) -> values.put(k, v == null ? "" : v.toString()));
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((taskId + "\n" + values).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first result of a submission made earlier with this user's key: its report id and the status it was
     * answered with. A key used before for another task or other content is refused ({@code 422}).
     */
    public Optional<SubmittedOnce> previousSubmission(String username, String key, String fingerprint) {
        return submissionKeys.find(username, key).map(s -> {
            if (!s.fingerprint().equals(fingerprint)) {
                throw new NapException(org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY,
                        "error.idempotency.mismatch");
            }
            return new SubmittedOnce(s.reportId(), s.status());
        });
    }

    /**
     * Keeps the result of a submission under the user's key, in the submission's own transaction: both are durable
     * together or not at all. A second node that inserted the same key first makes this fail with a conflict.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void rememberSubmission(String username, String key, String fingerprint, String taskId, long reportId) {
        submissionKeys.insert(username, key, new SubmissionKeys.Submission(fingerprint, taskId, reportId,
                get(reportId).status().name()), Clock.now());
    }

    /** A submission's first answer. */
    public record SubmittedOnce(long reportId, String status) {
    }

    /** Every problem that stops this content from being submitted, all at once. */
    public void requireComplete(ReportContent content) {
        List<FieldProblem> problems = new ArrayList<>(forms.validate(FormDefinitions.PROGRESS_REPORT,
                content.asFormValues()));
        problems.addAll(checkLinks(content.evidenceLinks()));
        if (!problems.isEmpty()) {
            throw NapException.invalid(problems);
        }
    }

    @Transactional
    public void markReturned(long reportId) {
        transition(reportId, ReportStatus.SUBMITTED, ReportStatus.RETURNED);
    }

    @Transactional
    public void markApproved(long reportId) {
        transition(reportId, ReportStatus.SUBMITTED, ReportStatus.APPROVED);
    }

    /** Idempotent: a report published already stays as it is. */
    @Transactional
    public void markPublished(long reportId) {
        if (get(reportId).status() != ReportStatus.PUBLISHED) {
            transition(reportId, ReportStatus.APPROVED, ReportStatus.PUBLISHED);
        }
    }

    private void transition(long reportId, ReportStatus from, ReportStatus to) {
        if (reports.changeStatus(reportId, from, to, Clock.now()) != 1) {
            throw NapException.conflict("error.report.wrongStatus", get(reportId).status(), to);
        }
    }

    static List<FieldProblem> checkLinks(String links) {
        List<FieldProblem> problems = new ArrayList<>();
        if (links == null) {
            return problems;
        }
        for (String line : links.split("\\R")) {
            String link = line.strip();
            if (link.isEmpty()) {
                continue;
            }
            try {
                URI uri = new URI(link);
                if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                        || uri.getHost() == null) {
                    problems.add(FieldProblem.of("evidenceLinks", "validation.link", link));
                }
            } catch (URISyntaxException e) {
                problems.add(FieldProblem.of("evidenceLinks", "validation.link", link));
            }
        }
        return problems;
    }
}
