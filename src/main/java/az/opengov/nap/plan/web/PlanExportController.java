package az.opengov.nap.plan.web;

import az.opengov.nap.plan.PlanExport;
import az.opengov.nap.plan.PlanImportService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plan exported in its import format (the same columns), for administrators: the file re-imports as the same plan.
 * Served under {@code /api/admin/plans} and, for the admin pages' download links, under {@code /admin/plans}.
 */
@RestController
@Tag(name = "Plan import", description = "Import a national action plan from a CSV or XLSX file")
class PlanExportController {

    private final PlanImportService imports;

    PlanExportController(PlanImportService imports) {
        this.imports = imports;
    }

    @Operation(summary = "Export a plan as CSV in the import format")
    @GetMapping({"/api/admin/plans/{code}/export.csv", "/admin/plans/{code}/export.csv"})
    ResponseEntity<byte[]> csv(@PathVariable String code) {
        return download(imports.export(code, PlanExport.Format.CSV));
    }

    @Operation(summary = "Export a plan as XLSX in the import format")
    @GetMapping({"/api/admin/plans/{code}/export.xlsx", "/admin/plans/{code}/export.xlsx"})
    ResponseEntity<byte[]> xlsx(@PathVariable String code) {
        return download(imports.export(code, PlanExport.Format.XLSX));
    }

    static ResponseEntity<byte[]> download(PlanExport export) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(export.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(export.fileName()).build().toString())
                .body(export.content());
    }
}
