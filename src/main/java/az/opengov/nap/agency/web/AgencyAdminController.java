package az.opengov.nap.agency.web;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyKind;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.NapException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The agency registry and collective membership, for administrators. Every change is audited. */
@RestController
@RequestMapping("/api/admin/agencies")
@Tag(name = "Agency registry")
class AgencyAdminController {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{2,64}");

    private final AgencyService agencies;
    private final AuditService audit;
    private final UserDirectory users;

    AgencyAdminController(AgencyService agencies, AuditService audit, UserDirectory users) {
        this.agencies = agencies;
        this.audit = audit;
        this.users = users;
    }

    record AgencyForm(String code, AgencyKind kind, String nameAz, String nameEn, String nameRu, List<String> emails,
                      String headEmail, List<String> aliases, List<String> members) {
    }

    record AgencyView(Agency agency, List<String> members) {
    }

    @GetMapping
    @Operation(summary = "The registry")
    List<Agency> list() {
        return agencies.all();
    }

    @GetMapping("/{code}")
    @Operation(summary = "An agency, with its members when it is a collective")
    AgencyView get(@PathVariable String code) {
        Agency a = agencies.get(code);
        return new AgencyView(a, a.collective() ? agencies.members(code) : List.of());
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Add an agency or a collective")
    ResponseEntity<AgencyView> create(@RequestBody AgencyForm f) {
        check(f, true);
        Agency a = agencies.create(agency(f), f.aliases() == null ? List.of() : f.aliases(), List.of());
        if (f.members() != null) {
            f.members().forEach(m -> agencies.addMember(a.code(), m));
        }
        audit.change(users.current().username(), "AGENCY_CREATED", "agency", a.code(), a.nameAz());
        return ResponseEntity.status(HttpStatus.CREATED).body(get(a.code()));
    }

    @PutMapping("/{code}")
    @Transactional
    @Operation(summary = "Change an agency's names, contacts or kind")
    AgencyView update(@PathVariable String code, @RequestBody AgencyForm f) {
        AgencyForm withCode = new AgencyForm(code, f.kind(), f.nameAz(), f.nameEn(), f.nameRu(), f.emails(),
                f.headEmail(), f.aliases(), f.members());
        check(withCode, false);
        agencies.update(agency(withCode));
        audit.change(users.current().username(), "AGENCY_CHANGED", "agency", code, f.nameAz());
        return get(code);
    }

    @PostMapping("/{code}/members/{member}")
    @Transactional
    @Operation(summary = "Add an agency to a collective")
    AgencyView addMember(@PathVariable String code, @PathVariable String member) {
        agencies.addMember(code, member);
        audit.change(users.current().username(), "AGENCY_MEMBER_ADDED", "agency", code, member);
        return get(code);
    }

    @DeleteMapping("/{code}/members/{member}")
    @Transactional
    @Operation(summary = "Take an agency out of a collective")
    AgencyView removeMember(@PathVariable String code, @PathVariable String member) {
        agencies.removeMember(code, member);
        audit.change(users.current().username(), "AGENCY_MEMBER_REMOVED", "agency", code, member);
        return get(code);
    }

    static Agency agency(AgencyForm f) {
        return new Agency(f.code(), f.kind(), f.nameAz().strip(), f.nameEn(), f.nameRu(),
                f.emails() == null ? List.of() : f.emails(), f.headEmail());
    }

    static void check(AgencyForm f, boolean isNew) {
        List<FieldProblem> problems = new ArrayList<>();
        if (isNew && (f.code() == null || !CODE.matcher(f.code()).matches())) {
            problems.add(FieldProblem.of("code", "agency.badCode"));
        }
        if (f.kind() == null) {
            problems.add(FieldProblem.of("kind", "validation.required"));
        }
        if (f.nameAz() == null || f.nameAz().isBlank() || f.nameAz().length() > 500) {
            problems.add(FieldProblem.of("nameAz", "validation.required"));
        }
        List<String> addresses = new ArrayList<>(f.emails() == null ? List.of() : f.emails());
        if (f.headEmail() != null && !f.headEmail().isBlank()) {
            addresses.add(f.headEmail());
        }
        for (String address : addresses) {
            if (address == null || !address.matches("[^@\\s;]+@[^@\\s;]+\\.[^@\\s;]+")) {
                problems.add(FieldProblem.of("emails", "user.badEmail"));
            }
        }
        if (!problems.isEmpty()) {
            throw NapException.invalid(problems);
        }
    }
}
