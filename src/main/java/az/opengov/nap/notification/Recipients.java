package az.opengov.nap.notification;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.shared.Messages;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who receives a mail, and in which language. An agency's contact addresses (registry column {@code emails}) and its
 * head's address have no language of their own: they get Azerbaijani, the official language. The agency's own users
 * ({@code app_user} with the agency's code, enabled, with an address) get their language; an address that is both a
 * contact and a user's gets the user's language. Reviewers and administrators are users.
 */
@Component
class Recipients {

    private final JdbcClient jdbc;
    private final AgencyService agencies;

    Recipients(JdbcClient jdbc, AgencyService agencies) {
        this.jdbc = jdbc;
        this.agencies = agencies;
    }

    /** The agency's contacts and its users. */
    List<Recipient> agency(Agency agency) {
        Map<String, Recipient> result = new LinkedHashMap<>();
        agency.emails().forEach(e -> add(result, new Recipient(e.strip(), Messages.AZ)));
        users("agency_code = ?", agency.code()).forEach(r -> add(result, r));
        return List.copyOf(result.values());
    }

    /** The agency's head, if the registry names one. */
    List<Recipient> head(Agency agency) {
        return agency.headEmail() == null || agency.headEmail().isBlank() ? List.of()
                : List.of(new Recipient(agency.headEmail().strip(), Messages.AZ));
    }

    List<Recipient> reviewers() {
        return users("reviewer = ?", true);
    }

    List<Recipient> administrators() {
        return users("admin = ?", true);
    }

    Agency agency(String code) {
        return agencies.get(code);
    }

    List<Agency> reportingAgencies() {
        return agencies.all().stream().filter(a -> !a.collective()).toList();
    }

    /** Several lists as one, each address once (the first language given to it wins). */
    static List<Recipient> union(Collection<List<Recipient>> lists) {
        Map<String, Recipient> result = new LinkedHashMap<>();
        for (List<Recipient> list : lists) {
            for (Recipient r : list) {
                result.putIfAbsent(MailAddresses.key(r.address()), r);
            }
        }
        return new ArrayList<>(result.values());
    }

    private List<Recipient> users(String condition, Object value) {
        // the user directory's table, read only: who is enabled, their address and language
        return jdbc.sql("select email, locale from app_user where enabled = true and email is not null and "
                        + condition + " order by username")
                .param(value)
                .query((rs, n) -> new Recipient(rs.getString("email").strip(),
                        Messages.supported(Locale.forLanguageTag(rs.getString("locale")))))
                .list();
    }

    private static void add(Map<String, Recipient> result, Recipient r) {
        if (!r.address().isEmpty()) {
            result.put(MailAddresses.key(r.address()), r);
        }
    }
}
