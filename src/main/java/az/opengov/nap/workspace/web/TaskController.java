package az.opengov.nap.workspace.web;

import az.opengov.nap.evidence.EvidenceFile;
import az.opengov.nap.evidence.EvidenceService;
import az.opengov.nap.evidence.EvidenceVisibility;
import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.reporting.ReportContent;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.FormDefinitions;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.workspace.TaskPage;
import az.opengov.nap.workspace.WorkspaceFormat;
import az.opengov.nap.workspace.WorkspaceService;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorkKind;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A task's page: the report form for the agency (save, confirm, submit, hand over to a colleague) or the review for
 * the commission (approve, return). Every action goes through the facade, which checks who may act.
 */
@Controller
@RequestMapping("/workspace/tasks/{taskId}")
class TaskController {

    private final MeasureExecutionService execution;
    private final UserDirectory users;
    private final WorkspaceService workspace;
    private final ReportingService reports;
    private final FormDefinitions forms;
    private final Messages messages;
    private final EvidenceService evidence;
    private final WorkspaceFormat fmt;

    TaskController(MeasureExecutionService execution, UserDirectory users, WorkspaceService workspace,
                   ReportingService reports, FormDefinitions forms, Messages messages, EvidenceService evidence,
                   WorkspaceFormat fmt) {
        this.evidence = evidence;
        this.fmt = fmt;
        this.execution = execution;
        this.users = users;
        this.workspace = workspace;
        this.reports = reports;
        this.forms = forms;
        this.messages = messages;
    }

    @GetMapping
    String show(@PathVariable String taskId, Model model) {
        AppUser me = users.current();
        return render(execution.task(taskId, me), me, model, null);
    }

    @PostMapping("/draft")
    String saveDraft(@PathVariable String taskId, @RequestParam Map<String, String> form, Model model,
                     RedirectAttributes redirect, HttpServletResponse response) {
        AppUser me = users.current();
        ReportContent content = ReportContent.fromFormValues(form);
        try {
            execution.saveDraft(taskId, content, me);
        } catch (NapException e) {
            return failed(taskId, me, e, content.asFormValues(), model, response);
        }
        redirect.addFlashAttribute("notice", "notice.draftSaved");
        return "redirect:/workspace/tasks/" + taskId;
    }

    /** The confirmation step: the report is saved and checked, then shown once more before it is sent. */
    @PostMapping("/confirm")
    String confirm(@PathVariable String taskId, @RequestParam Map<String, String> form, Model model,
                   HttpServletResponse response) {
        AppUser me = users.current();
        ReportContent content = ReportContent.fromFormValues(form);
        try {
            execution.saveDraft(taskId, content, me);
            reports.requireComplete(content);
        } catch (NapException e) {
            return failed(taskId, me, e, content.asFormValues(), model, response);
        }
        WorkItem item = execution.task(taskId, me);
        model.addAttribute("page", workspace.page(item, me));
        model.addAttribute("fields", forms.fields(FormDefinitions.PROGRESS_REPORT));
        model.addAttribute("submissionKey", java.util.UUID.randomUUID().toString());
        return "workspace/confirm";
    }

    /**
     * Sends the confirmed report. The confirmation page carries a one-time token: a second click or a resent form
     * with the same token is answered like the first, and submits nothing more.
     */
    @PostMapping("/submit")
    String submit(@PathVariable String taskId, @RequestParam(required = false) String submissionKey, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        AppUser me = users.current();
        String key = submissionKey == null || submissionKey.isBlank() ? null
                : ReportingService.checkIdempotencyKey(submissionKey);
        String fingerprint = ReportingService.fingerprint(taskId, null);
        if (key != null && reports.previousSubmission(me.username(), key, fingerprint).isPresent()) {
            return submitted(taskId, redirect);
        }
        WorkItem item = execution.editableReportTask(taskId, me);
        ReportContent draft = reports.current(item.measureId(), item.cycleNumber(), item.agencyCode())
                .map(r -> r.content()).orElse(ReportContent.EMPTY);
        try {
            if (key == null) {
                execution.submit(taskId, draft, me);
            } else {
                execution.submit(taskId, draft, me, key, fingerprint);
            }
        } catch (RuntimeException e) {
            // the same form sent twice at once: the first one's answer, once committed
            if (key != null && reports.previousSubmission(me.username(), key, fingerprint).isPresent()) {
                return submitted(taskId, redirect);
            }
            if (e instanceof NapException nap) {
                return failed(taskId, me, nap, draft.asFormValues(), model, response);
            }
            throw e;
        }
        return submitted(taskId, redirect);
    }

    private static String submitted(String taskId, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", "notice.submitted");
        return "redirect:/workspace/tasks/" + taskId;
    }

    @PostMapping("/assign")
    String assign(@PathVariable String taskId, @RequestParam(required = false) String assignee, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        AppUser me = users.current();
        try {
            execution.assign(taskId, assignee, me);
        } catch (NapException e) {
            return failed(taskId, me, e, null, model, response);
        }
        redirect.addFlashAttribute("notice", assignee == null || assignee.isBlank() ? "notice.unassigned"
                : "notice.assigned");
        return "redirect:/workspace/tasks/" + taskId;
    }

    @PostMapping("/review")
    String review(@PathVariable String taskId, @RequestParam(required = false) String decision,
                  @RequestParam(required = false) String comment,
                  @RequestParam(required = false) String completionLevel, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        AppUser me = users.current();
        try {
            execution.review(taskId, decision, comment, completionLevel, me);
        } catch (NapException e) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("decision", decision);
            values.put("comment", comment);
            values.put("completionLevel", completionLevel);
            return failed(taskId, me, e, values, model, response);
        }
        redirect.addFlashAttribute("notice", "APPROVED".equals(decision) ? "notice.approved" : "notice.returned");
        return "redirect:/workspace/reviews";
    }

    @PostMapping("/assessment")
    String assess(@PathVariable String taskId, @RequestParam(required = false) String completionLevel,
                  @RequestParam(required = false) String summary, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        AppUser me = users.current();
        try {
            execution.assess(taskId, completionLevel, summary, me);
        } catch (NapException e) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("completionLevel", completionLevel);
            values.put("summary", summary);
            return failed(taskId, me, e, values, model, response);
        }
        redirect.addFlashAttribute("notice", "notice.assessed");
        return "redirect:/workspace/reviews";
    }

    @PostMapping("/evidence")
    String upload(@PathVariable String taskId, @RequestParam(required = false) MultipartFile file,
                  @RequestParam(defaultValue = "INTERNAL") EvidenceVisibility visibility, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) throws java.io.IOException {
        AppUser me = users.current();
        WorkItem item = execution.editableReportTask(taskId, me);
        try {
            evidence.store(item.measureId(), item.cycleNumber(), item.agencyCode(),
                    file == null ? null : file.getOriginalFilename(), file == null ? null : file.getBytes(),
                    visibility, me.username());
        } catch (NapException e) {
            return failed(taskId, me, e, null, model, response);
        }
        redirect.addFlashAttribute("notice", "notice.evidenceAdded");
        return "redirect:/workspace/tasks/" + taskId + "#evidence";
    }

    @PostMapping("/evidence/{evidenceId}/delete")
    String deleteEvidence(@PathVariable String taskId, @PathVariable long evidenceId, RedirectAttributes redirect) {
        AppUser me = users.current();
        WorkItem item = execution.editableReportTask(taskId, me);
        EvidenceFile file = evidence.get(evidenceId);
        if (file.measureId() != item.measureId() || file.cycleNumber() != item.cycleNumber()
                || !file.agencyCode().equals(item.agencyCode())) {
            throw NapException.notFound("evidence", evidenceId);
        }
        evidence.delete(file);
        redirect.addFlashAttribute("notice", "notice.evidenceRemoved");
        return "redirect:/workspace/tasks/" + taskId + "#evidence";
    }

    /**
     * Invalid input and refused actions show the task's page again with the reason: every field at fault next to
     * the field and in a summary at the top, or a clear notice when someone else acted first.
     */
    String failed(String taskId, AppUser me, NapException e, Map<String, Object> values, Model model,
                  HttpServletResponse response) {
        if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
            throw e;
        }
        WorkItem item = execution.task(taskId, me);
        response.setStatus(e.status().value());
        if (e.status() == HttpStatus.CONFLICT) {
            model.addAttribute("conflict", "error.task.closed".equals(e.messageKey())
                    || "error.review.alreadyDecided".equals(e.messageKey())
                    || "error.concurrentChange".equals(e.messageKey())
                    ? messages.text("conflict.alreadyDone") : messages.text(e.messageKey(), e.args()));
            return render(item, me, model, null);
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (FieldProblem p : e.errors()) {
            errors.computeIfAbsent(p.field(), k -> new java.util.ArrayList<>()).add(messages.text(p));
        }
        model.addAttribute("errors", errors);
        return render(item, me, model, values);
    }

    String render(WorkItem item, AppUser me, Model model, Map<String, Object> values) {
        TaskPage page = workspace.page(item, me);
        model.addAttribute("page", page);
        model.addAttribute("values", values != null ? values : page.values());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        String formId = switch (item.kind()) {
            case REPORT, INVITED_REPORT -> FormDefinitions.PROGRESS_REPORT;
            case REVIEW -> FormDefinitions.PROGRESS_REVIEW;
            case FINAL_ASSESSMENT -> FormDefinitions.FINAL_ASSESSMENT;
        };
        Map<String, String> labels = new LinkedHashMap<>();
        forms.fields(formId).forEach(f -> labels.put(f.key(), fmt.label(formId, f)));
        model.addAttribute("labels", labels);
        return switch (item.kind()) {
            case REPORT, INVITED_REPORT -> {
                model.addAttribute("fields", forms.fields(FormDefinitions.PROGRESS_REPORT));
                yield "workspace/report";
            }
            case REVIEW -> {
                model.addAttribute("fields", forms.fields(FormDefinitions.PROGRESS_REVIEW));
                if (values == null) {
                    Map<String, Object> defaults = new LinkedHashMap<>();
                    defaults.put("completionLevel", page.report().content().completionLevel());
                    model.addAttribute("values", defaults);
                }
                yield "workspace/review";
            }
            case FINAL_ASSESSMENT -> {
                model.addAttribute("fields", forms.fields(FormDefinitions.FINAL_ASSESSMENT));
                yield "workspace/assessment";
            }
        };
    }

    static boolean isReport(WorkItem item) {
        return item.kind() == WorkKind.REPORT || item.kind() == WorkKind.INVITED_REPORT;
    }
}
