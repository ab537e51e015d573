package az.opengov.nap.agency;

import java.util.List;

/** An organisation of the registry: an agency that reports, or a collective that expands to its members. */
public record Agency(String code, AgencyKind kind, String nameAz, String nameEn, String nameRu,
                     List<String> emails, String headEmail) {

    public boolean collective() {
        return kind == AgencyKind.COLLECTIVE;
    }

    public String name(String language) {
        return switch (language) {
            case "en" -> nameEn == null || nameEn.isBlank() ? nameAz : nameEn;
            case "ru" -> nameRu == null || nameRu.isBlank() ? nameAz : nameRu;
            default -> nameAz;
        };
    }
}
