package az.opengov.nap.security;

import java.util.ArrayList;
import java.util.List;

/**
 * A person who signs in: a member of one agency (or none), and possibly a commission reviewer or an administrator
 * where that is their job.
 */
public record AppUser(String username, String displayName, String email, String locale, String agencyCode,
                      boolean reviewer, boolean admin, boolean enabled) {

    public static final String COMMISSION_GROUP = "commission";
    public static final String ADMIN_GROUP = "admin";

    /** The engine's candidate groups this user may work in: the agency's code, commission, admin. */
    public List<String> groups() {
        List<String> groups = new ArrayList<>();
        if (agencyCode != null) {
            groups.add(agencyCode);
        }
        if (reviewer) {
            groups.add(COMMISSION_GROUP);
        }
        if (admin) {
            groups.add(ADMIN_GROUP);
        }
        return groups;
    }
}
