package az.opengov.nap.security.web;

import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserAdminService;
import az.opengov.nap.security.UserAdminService.UserChange;
import az.opengov.nap.security.UserDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users and their groups (agency, commission, admin), for administrators. */
@RestController
@RequestMapping("/api/admin/users")
@Tag(name = "Users")
class UserAdminController {

    private final UserAdminService admin;
    private final UserDirectory users;

    UserAdminController(UserAdminService admin, UserDirectory users) {
        this.admin = admin;
        this.users = users;
    }

    record NewUser(String username, String displayName, String email, String locale, String agencyCode,
                   boolean reviewer, boolean admin, String password) {
    }

    record Password(String password) {
    }

    @GetMapping
    @Operation(summary = "All users with their groups")
    List<AppUser> list() {
        return admin.list();
    }

    @PostMapping
    @Operation(summary = "Create a user (the password must pass the policy)")
    ResponseEntity<AppUser> create(@RequestBody NewUser u) {
        AppUser created = admin.create(u.username(), new UserChange(u.displayName(), u.email(), u.locale(),
                u.agencyCode(), u.reviewer(), u.admin(), true), u.password(), users.current().username());
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @PutMapping("/{username}")
    @Operation(summary = "Change a user's agency, roles or access; effective at their next request")
    AppUser update(@PathVariable String username, @RequestBody UserChange change) {
        return admin.update(username, change, users.current().username());
    }

    @PostMapping("/{username}/password")
    @Operation(summary = "Set a user's password (the policy applies)")
    ResponseEntity<Void> password(@PathVariable String username, @RequestBody Password p) {
        admin.setPassword(username, p.password(), users.current().username());
        return ResponseEntity.noContent().build();
    }
}
