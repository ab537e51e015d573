package az.opengov.nap.monitoring.web;

import az.opengov.nap.monitoring.ActionOutcome;
import az.opengov.nap.monitoring.ActionRequest;
import az.opengov.nap.monitoring.AgencyReport;
import az.opengov.nap.monitoring.MeasureReport;
import az.opengov.nap.monitoring.MonitoringService;
import az.opengov.nap.monitoring.OverdueFilter;
import az.opengov.nap.monitoring.OverduePage;
import az.opengov.nap.security.UserDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The overdue dashboard as JSON, for administrators (ROLE_ADMIN, see SecurityConfig). */
@RestController
@RequestMapping("/api/admin/monitoring")
@Tag(name = "Monitoring")
class MonitoringApiController {

    private final MonitoringService monitoring;
    private final UserDirectory users;

    MonitoringApiController(MonitoringService monitoring, UserDirectory users) {
        this.monitoring = monitoring;
        this.users = users;
    }

    @GetMapping("/overdue")
    @Operation(summary = "Overdue report or review tasks: tiles, buckets (1-7, 8-30, 31+ days), groups, "
                    + "one page of rows",
            description = "kind=report|review, role=executor|recommended, sort=days|agency|measure|plan, dir=asc|desc,"
                    + " page from 0, size 1-200. An unknown value is a 400 naming the parameter.")
    OverduePage overdue(@RequestParam(required = false) String plan, @RequestParam(required = false) String section,
                        @RequestParam(required = false) String agency, @RequestParam(required = false) String kind,
                        @RequestParam(required = false) String role, @RequestParam(required = false) String sort,
                        @RequestParam(required = false) String dir, @RequestParam(required = false) String page,
                        @RequestParam(required = false) String size) {
        return monitoring.overdue(OverdueFilter.of(plan, section, agency, kind, role, sort, dir, page, size));
    }

    @GetMapping("/agencies/{code}")
    @Operation(summary = "An agency's on-time rate and days late per cycle, open and overdue tasks")
    AgencyReport agency(@PathVariable String code) {
        return monitoring.agency(code);
    }

    @GetMapping("/measures/{id}")
    @Operation(summary = "Per cycle and agency of a measure: reported, waiting, returned, late")
    MeasureReport measure(@PathVariable long id) {
        return monitoring.measure(id);
    }

    @PostMapping("/actions")
    @Operation(summary = "Remind, extend, reassign or cancel for the tasks given, with one reason; each reported")
    ActionOutcome act(@RequestBody ActionRequest request) {
        return monitoring.act(request, users.current());
    }
}
