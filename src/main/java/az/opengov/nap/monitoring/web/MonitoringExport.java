package az.opengov.nap.monitoring.web;

import az.opengov.nap.monitoring.MonitoringService;
import az.opengov.nap.monitoring.OverdueFilter;
import az.opengov.nap.monitoring.OverdueRow;
import az.opengov.nap.portal.OpenData;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard's rows as CSV (UTF-8 with BOM, formula-safe) and XLSX, with the same filters, sort and page as the
 * page shows: the file holds exactly the rows on the screen. Written by the open data's writers.
 */
@Controller
@RequestMapping("/admin/monitoring")
class MonitoringExport {

    static final List<String> COLUMNS = List.of("task_id", "kind", "plan", "section", "measure", "measure_title",
            "cycle", "agency_code", "agency", "role", "returned", "due_date", "days_overdue", "bucket");

    private final MonitoringService monitoring;

    MonitoringExport(MonitoringService monitoring) {
        this.monitoring = monitoring;
    }

    @GetMapping("/export.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String plan,
                               @RequestParam(required = false) String section,
                               @RequestParam(required = false) String agency,
                               @RequestParam(required = false) String kind, @RequestParam(required = false) String role,
                               @RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
                               @RequestParam(required = false) String page,
                               @RequestParam(required = false) String size) {
        OpenData.Table table = table(OverdueFilter.of(plan, section, agency, kind, role, sort, dir, page, size));
        return file(OpenData.csv(table), "overdue.csv",
                new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));
    }

    @GetMapping("/export.xlsx")
    ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String plan,
                                @RequestParam(required = false) String section,
                                @RequestParam(required = false) String agency,
                                @RequestParam(required = false) String kind,
                                @RequestParam(required = false) String role,
                                @RequestParam(required = false) String sort,
                                @RequestParam(required = false) String dir,
                                @RequestParam(required = false) String page,
                                @RequestParam(required = false) String size) {
        OpenData.Table table = table(OverdueFilter.of(plan, section, agency, kind, role, sort, dir, page, size));
        return file(OpenData.xlsx(table), "overdue.xlsx",
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }

    private OpenData.Table table(OverdueFilter filter) {
        List<List<String>> rows = new ArrayList<>();
        for (OverdueRow r : monitoring.overdueRows(filter)) {
            rows.add(java.util.Arrays.asList(r.taskId(), r.kind(), r.planCode(), Integer.toString(r.section()),
                    r.measureCode(), r.measureTitle(), r.cycle() == null ? null : r.cycle().toString(),
                    r.agencyCode(), r.agencyName(), r.role(), Boolean.toString(r.returned()), r.dueDate().toString(),
                    Long.toString(r.daysOverdue()), r.bucket()));
        }
        return new OpenData.Table("overdue", COLUMNS, rows);
    }

    private static ResponseEntity<byte[]> file(byte[] bytes, String name, MediaType type) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(bytes);
    }
}
