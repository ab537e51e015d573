package az.opengov.nap.plan;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.agency.Names;
import az.opengov.nap.plan.ImportPreview.AgencyLine;
import az.opengov.nap.plan.ImportPreview.OrganisationLine;
import az.opengov.nap.plan.ImportPreview.OrganisationStatus;
import az.opengov.nap.plan.PlanRowValidator.RowParties;
import az.opengov.nap.shared.FieldProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The organisations a file names, resolved against the agency registry by their normalised names. A name the
 * registry does not know is an error, unless the request confirmed that such names become new agencies: then each
 * gets a code of its own. A collective without members cannot act and is an error too.
 */
final class Organisations {

    private final Map<String, OrganisationLine> byKey;
    private final Set<String> emptyCollectives;

    private Organisations(Map<String, OrganisationLine> byKey, Set<String> emptyCollectives) {
        this.byKey = byKey;
        this.emptyCollectives = emptyCollectives;
    }

    static Organisations resolve(AgencyService registry, Collection<String> names, boolean createUnknown) {
        Map<String, String> known = registry.resolveCodes(names);
        Map<String, Agency> agencies = registry.findAll(Set.copyOf(known.values())).stream()
                .collect(Collectors.toMap(Agency::code, Function.identity()));
        Map<String, OrganisationLine> byKey = new LinkedHashMap<>();
        Set<String> emptyCollectives = new HashSet<>();
        Set<String> newCodes = new HashSet<>();
        for (String name : names) {
            String key = Names.key(name);
            if (byKey.containsKey(key)) {
                continue;
            }
            Agency agency = known.containsKey(name) ? agencies.get(known.get(name)) : null;
            if (agency != null) {
                byKey.put(key, new OrganisationLine(name, agency.code(), agency.collective(),
                        OrganisationStatus.KNOWN));
                if (agency.collective() && registry.members(agency.code()).isEmpty()) {
                    emptyCollectives.add(key);
                }
            } else if (createUnknown) {
                String code = AgencyCodes.unique(AgencyCodes.derive(name),
                        c -> newCodes.contains(c) || registry.find(c).isPresent());
                newCodes.add(code);
                byKey.put(key, new OrganisationLine(name, code, false, OrganisationStatus.TO_CREATE));
            } else {
                byKey.put(key, new OrganisationLine(name, null, false, OrganisationStatus.UNKNOWN));
            }
        }
        return new Organisations(byKey, emptyCollectives);
    }

    /** The agency codes of names, in their order (two names of one agency give one code). */
    List<String> codes(List<String> names) {
        return names.stream().map(n -> byKey.get(Names.key(n)).agencyCode()).distinct().toList();
    }

    List<OrganisationLine> lines() {
        return List.copyOf(byKey.values());
    }

    List<String> unknown() {
        return byKey.values().stream().filter(o -> o.status() == OrganisationStatus.UNKNOWN)
                .map(OrganisationLine::name).toList();
    }

    List<AgencyLine> toCreate() {
        return byKey.values().stream().filter(o -> o.status() == OrganisationStatus.TO_CREATE)
                .map(o -> new AgencyLine(o.name(), o.agencyCode())).toList();
    }

    /** An unknown name or a collective without members, at each row and column where it is named. */
    List<FieldProblem> problems(List<RowParties> rows) {
        List<FieldProblem> problems = new ArrayList<>();
        for (RowParties row : rows) {
            check(row.row(), PlanRowValidator.EXECUTORS, row.executors(), problems);
            check(row.row(), PlanRowValidator.RECOMMENDED, row.recommended(), problems);
        }
        return problems;
    }

    private void check(int row, String column, List<String> names, List<FieldProblem> problems) {
        for (String name : names) {
            String key = Names.key(name);
            OrganisationLine line = byKey.get(key);
            if (line.status() == OrganisationStatus.UNKNOWN) {
                problems.add(new FieldProblem(row, column, "import.unknownOrganisation", name));
            } else if (emptyCollectives.contains(key)) {
                problems.add(new FieldProblem(row, column, "import.emptyCollective", name, line.agencyCode()));
            }
        }
    }
}
