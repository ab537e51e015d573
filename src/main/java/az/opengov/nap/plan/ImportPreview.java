package az.opengov.nap.plan;

import az.opengov.nap.shared.FieldProblem;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What an import would create (or, after a commit, did create): the plan, its sections, the measures that are new
 * and those that already exist, the organisations named with their agency codes, and every problem of the file.
 * Nothing is imported unless {@link #valid()}.
 */
public record ImportPreview(String planCode, String planTitle, boolean planExists, int firstYear, int lastYear,
                            List<SectionLine> sections, List<MeasureLine> measuresToCreate,
                            List<MeasureLine> measuresExisting, List<OrganisationLine> organisations,
                            List<String> unknownOrganisations, List<AgencyLine> agenciesToCreate,
                            List<FieldProblem> problems, boolean committed) {

    @JsonProperty("valid")
    public boolean valid() {
        return problems.isEmpty();
    }

    /** A section of the file with its subsections and the number of its valid rows. */
    public record SectionLine(int number, String title, boolean exists, List<SubsectionLine> subsections,
                              int measures) {
    }

    public record SubsectionLine(String code, String title) {
    }

    /** A measure of the file: its row, its codes and title, its period, and its parties as agency codes. */
    public record MeasureLine(int row, String code, String printedCode, int section, String subsection, String title,
                              String period, List<String> executors, List<String> recommended) {
    }

    /** An organisation as the file names it, and the agency it resolves to (or would be created as). */
    public record OrganisationLine(String name, String agencyCode, boolean collective, OrganisationStatus status) {
    }

    public enum OrganisationStatus {
        /** In the registry. */
        KNOWN,
        /** Not in the registry; the import creates it (the request confirmed "create these agencies"). */
        TO_CREATE,
        /** Not in the registry; an error. */
        UNKNOWN
    }

    /** A new agency the import creates for an unknown name. */
    public record AgencyLine(String name, String code) {
    }
}
