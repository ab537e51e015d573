package az.opengov.nap.review.web;

import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.PageNumber;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorklistService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The JSON API of commission reviewers: the review queue, decisions and final assessments. */
@RestController
@RequestMapping("/api/reviews")
@Tag(name = "Reviews", description = "The commission's review of submitted reports")
class ReviewApiController {

    private final MeasureExecutionService execution;
    private final WorklistService worklist;
    private final UserDirectory users;

    ReviewApiController(MeasureExecutionService execution, WorklistService worklist, UserDirectory users) {
        this.execution = execution;
        this.worklist = worklist;
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "Reports waiting for review and measures waiting for a final assessment, oldest first")
    List<WorkItem> queue(@RequestParam(required = false) Integer page, @RequestParam(defaultValue = "50") int size) {
        reviewer();
        return worklist.reviewQueue(PageNumber.of(page), size);
    }

    record Decision(String decision, String comment, String completionLevel) {
    }

    @PostMapping("/{taskId}/decision")
    @Operation(summary = "Approve a report (it is then published) or return it for revision with a comment")
    ResponseEntity<Void> decide(@PathVariable String taskId, @RequestBody Decision d) {
        execution.review(taskId, d.decision(), d.comment(), d.completionLevel(), reviewer());
        return ResponseEntity.noContent().build();
    }

    record Assessment(String completionLevel, String summary) {
    }

    @PostMapping("/{taskId}/final-assessment")
    @Operation(summary = "Give the measure's final assessment (it is then published and the measure completed)")
    ResponseEntity<Void> assess(@PathVariable String taskId, @RequestBody Assessment a) {
        execution.assess(taskId, a.completionLevel(), a.summary(), reviewer());
        return ResponseEntity.noContent().build();
    }

    private AppUser reviewer() {
        AppUser user = users.current();
        if (!user.reviewer()) {
            throw NapException.forbidden();
        }
        return user;
    }
}
