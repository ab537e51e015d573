package az.opengov.nap.measure.web;

import az.opengov.nap.measure.MeasureAction;
import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.plan.AgencyRole;
import az.opengov.nap.plan.Amendment;
import az.opengov.nap.plan.MeasureChanges;
import az.opengov.nap.security.UserDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators' operations on running measures, each with a reason and recorded. */
@RestController
@RequestMapping("/api/admin/measures/{measureId}")
@Tag(name = "Measure administration")
class MeasureAdminController {

    private final MeasureExecutionService execution;
    private final UserDirectory users;

    MeasureAdminController(MeasureExecutionService execution, UserDirectory users) {
        this.execution = execution;
        this.users = users;
    }

    record DueDateChange(int cycle, String agencyCode, LocalDate dueDate, String reason) {
    }

    record AgencyChange(String agencyCode, AgencyRole role, String reason) {
    }

    record Reason(String reason) {
    }

    @PostMapping("/due-date")
    @Operation(summary = "Extend an agency's due date in a cycle; its timers follow")
    ResponseEntity<Void> extend(@PathVariable long measureId, @RequestBody DueDateChange c) {
        execution.extendDueDate(measureId, c.cycle(), c.agencyCode(), c.dueDate(), c.reason(), users.current());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/agencies")
    @Operation(summary = "Add an agency to a running measure")
    ResponseEntity<Void> add(@PathVariable long measureId, @RequestBody AgencyChange c) {
        execution.addAgency(measureId, c.agencyCode(), c.role() == null ? AgencyRole.EXECUTOR : c.role(), c.reason(),
                users.current());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/agencies/{agencyCode}")
    @Operation(summary = "Remove an agency from a running measure; its open reports end as removed by amendment")
    ResponseEntity<Void> remove(@PathVariable long measureId, @PathVariable String agencyCode,
                                @RequestBody Reason r) {
        execution.removeAgency(measureId, agencyCode, r.reason(), users.current());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/cancel")
    @Operation(summary = "Cancel a running measure")
    ResponseEntity<Void> cancel(@PathVariable long measureId, @RequestBody Reason r) {
        execution.cancel(measureId, r.reason(), users.current());
        return ResponseEntity.noContent().build();
    }

    record AmendmentRequest(String title, String indicators, Integer firstYear, Integer lastYear,
                            List<String> executors, List<String> recommended, String reason,
                            LocalDate effectiveDate) {
    }

    @PostMapping("/amendments")
    @Operation(summary = "Amend a running measure (title, indicators, period, executors, recommended bodies) as a "
            + "recorded amendment; the process follows")
    ResponseEntity<Amendment> amend(@PathVariable long measureId, @RequestBody AmendmentRequest a) {
        Amendment done = execution.amend(measureId, new MeasureChanges(a.title(), a.indicators(), a.firstYear(),
                a.lastYear(), a.executors(), a.recommended()), a.reason(), a.effectiveDate(), users.current());
        return ResponseEntity.status(org.springframework.http.HttpStatus.CREATED).body(done);
    }

    @GetMapping("/amendments")
    @Operation(summary = "The measure's amendments, oldest first")
    List<Amendment> amendments(@PathVariable long measureId) {
        return execution.amendments(measureId);
    }

    @GetMapping("/actions")
    @Operation(summary = "The recorded changes to the measure")
    List<MeasureAction> actions(@PathVariable long measureId) {
        return execution.actions(measureId);
    }
}
