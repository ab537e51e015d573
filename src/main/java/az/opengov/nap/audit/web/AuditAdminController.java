package az.opengov.nap.audit.web;

import az.opengov.nap.audit.AuditEvent;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.shared.PageNumber;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Administrators search and export the audit trail. */
@RestController
@RequestMapping("/api/admin/audit")
@Tag(name = "Audit trail")
class AuditAdminController {

    private final AuditService audit;

    AuditAdminController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Search the audit trail, newest first")
    List<AuditEvent> search(@RequestParam(required = false) String actor,
                            @RequestParam(required = false) String action,
                            @RequestParam(required = false)
                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                            @RequestParam(required = false)
                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                            @RequestParam(required = false) Integer page,
                            @RequestParam(defaultValue = "100") int size) {
        return audit.search(actor, action, from, to, PageNumber.of(page), size);
    }

    @GetMapping(value = "/export", produces = "text/csv")
    @Operation(summary = "Export what the search finds as CSV (at most 500 rows a page)")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String actor,
                                  @RequestParam(required = false) String action,
                                  @RequestParam(required = false)
                                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                  @RequestParam(required = false)
                                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                  @RequestParam(required = false) Integer page) {
        int pageNumber = PageNumber.of(page);
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("id", "occurred_at", "actor",
                "action", "target_type", "target_id", "outcome", "details", "remote_address").get())) {
            for (AuditEvent e : audit.search(actor, action, from, to, pageNumber, AuditService.MAX_PAGE)) {
                csv.printRecord(e.id(), e.occurredAt(), safe(e.actor()), e.action(), e.targetType(),
                        safe(e.targetId()), e.outcome(), safe(e.details()), e.remoteAddress());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A cell that a spreadsheet would run as a formula is kept as text. */
    static String safe(String value) {
        if (value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }
}
