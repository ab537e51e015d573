package az.opengov.nap.plan.web;

import az.opengov.nap.plan.ImportPreview;
import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Plan import for administrators: upload a CSV or XLSX plan file with the plan's own data, see what it would create
 * and every problem in it, then import it. Problems carry their row, column, code and a message in the user's
 * language.
 */
@RestController
@RequestMapping(path = "/api/admin/plans/import", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Plan import", description = "Import a national action plan from a CSV or XLSX file")
class PlanImportController {

    private final PlanImportService imports;
    private final Messages messages;

    PlanImportController(PlanImportService imports, Messages messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @Operation(summary = "Check a plan file and show what an import would create",
            description = "Writes nothing. Answers 200 also when the file is invalid: then valid is false and "
                    + "problems lists every row and column at fault.")
    @PostMapping(path = "/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportResponse preview(@RequestPart("file") MultipartFile file, @Valid @ModelAttribute PlanFields plan,
                           Principal principal) throws IOException {
        return response(imports.preview(plan.request(file, principal)));
    }

    @Operation(summary = "Import a plan file, all or nothing",
            description = "201 with what was created; 422 with every problem when anything is invalid (nothing is "
                    + "imported). Measures whose code exists in the plan are not created again.")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportResponse> commit(@RequestPart("file") MultipartFile file,
                                          @Valid @ModelAttribute PlanFields plan, Principal principal)
            throws IOException {
        return ResponseEntity.status(HttpStatus.CREATED).body(response(imports.commit(plan.request(file, principal))));
    }

    private ImportResponse response(ImportPreview preview) {
        return new ImportResponse(preview, preview.problems().stream()
                .map(p -> new ProblemView(p.row(), p.field(), p.messageKey(), messages.text(p))).toList());
    }

    /** The plan's own data, sent as form fields next to the file; calendar fields left out take the defaults. */
    record PlanFields(String planCode, String title, @NotNull Integer firstYear, @NotNull Integer lastYear,
                      Integer yearShift, Integer frequencyMonths, Integer dueOffsetDays, Integer reminderDays,
                      Integer escalationDays, Integer revisionDays, Integer windowDays, Boolean createAgencies) {

        ImportRequest request(MultipartFile file, Principal principal) throws IOException {
            return new ImportRequest(planCode, title, firstYear, lastYear, or(yearShift, 0), calendar(),
                    Boolean.TRUE.equals(createAgencies), file.getBytes(), file.getOriginalFilename(),
                    principal == null ? null : principal.getName());
        }

        private PlanCalendar calendar() {
            PlanCalendar d = PlanCalendar.DEFAULT;
            try {
                return new PlanCalendar(or(frequencyMonths, d.frequencyMonths()), or(dueOffsetDays, d.dueOffsetDays()),
                        or(reminderDays, d.reminderDays()), or(escalationDays, d.escalationDays()),
                        or(revisionDays, d.revisionDays()), or(windowDays, d.windowDays()));
            } catch (IllegalArgumentException e) {
                throw NapException.invalid(List.of(FieldProblem.of("calendar", "import.badCalendar", e.getMessage())));
            }
        }

        private static int or(Integer value, int fallback) {
            return value == null ? fallback : value;
        }
    }

    /** The preview with its problems as {row, column, code, message}. */
    record ImportResponse(@JsonUnwrapped @JsonIgnoreProperties("problems") ImportPreview preview,
                          List<ProblemView> problems) {
    }

    record ProblemView(Integer row, String column, String code, String message) {
    }
}
