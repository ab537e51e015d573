package az.opengov.nap.measure.web;

import az.opengov.nap.measure.ModelMigration;
import az.opengov.nap.security.UserDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators: which versions of the measure process run, and moving measures onto the current one. */
@RestController
@RequestMapping("/api/admin/process-model")
@Tag(name = "Measure administration")
class ModelMigrationController {

    private final ModelMigration migration;
    private final UserDirectory users;

    ModelMigrationController(ModelMigration migration, UserDirectory users) {
        this.migration = migration;
        this.users = users;
    }

    @GetMapping("/versions")
    @Operation(summary = "The deployed versions of the measure process, newest first, with their running measures")
    List<ModelMigration.Version> versions() {
        return migration.versions();
    }

    @PostMapping("/migrate")
    @Operation(summary = "Move the measures of models 1.3.0 and 1.4.0 onto the current model, all or none")
    List<ModelMigration.Moved> migrate() {
        return migration.moveToCurrent(users.current());
    }
}
