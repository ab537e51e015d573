package az.opengov.nap.notification;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.ReferenceCache;
import az.opengov.nap.shared.TransactionCache;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who receives a mail, and in which language. An agency's contact addresses (registry column {@code emails}) and its
 * head's address have no language of their own: they get Azerbaijani, the official language. The agency's own users
 * ({@code app_user} with the agency's code, enabled, with an address) get their language; an address that is both a
 * contact and a user's gets the user's language. Reviewers and administrators are users.
 *
 * <p>An agency and its users are read once per transaction ({@link TransactionCache}), and those of a cohort (a
 * cycle's participants) all at once from the second of them on ({@link #agencyAmong}): the job that opens a measure's
 * cycle mails each of up to 150 agencies. An agency and the reviewers and administrators are also kept between
 * transactions ({@link ReferenceCache}): each submitted report mails the reviewers. A write to an agency or a user
 * empties both caches.
 */
@Component
class Recipients {

    private static final String AGENCY = "agency";
    private static final String AGENCY_USERS = "agency-users";

    private final JdbcClient jdbc;
    private final AgencyService agencies;
    private final ReferenceCache reference;

    Recipients(JdbcClient jdbc, AgencyService agencies, ReferenceCache reference) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.reference = reference;
    }

    /** The agency's contacts and its users. */
    List<Recipient> agency(Agency agency) {
        Map<String, Recipient> result = new LinkedHashMap<>();
        agency.emails().forEach(e -> add(result, new Recipient(e.strip(), Messages.AZ)));
        TransactionCache.get(AGENCY_USERS, agency.code(), () -> users("agency_code = ?", agency.code()))
                .forEach(r -> add(result, r));
        return List.copyOf(result.values());
    }

    /** The agency's head, if the registry names one. */
    List<Recipient> head(Agency agency) {
        return agency.headEmail() == null || agency.headEmail().isBlank() ? List.of()
                : List.of(new Recipient(agency.headEmail().strip(), Messages.AZ));
    }

    List<Recipient> reviewers() {
        return reference.get("reviewers", true, () -> users("reviewer = ?", true));
    }

    List<Recipient> administrators() {
        return reference.get("administrators", true, () -> users("admin = ?", true));
    }

    Agency agency(String code) {
        return reference.get(AGENCY, code, () -> agencies.get(code));
    }

    /**
     * As {@link #agency(String)}, for one of a cohort of agencies the transaction may mail in turn (the participants
     * of the cycle it opens): the first agency is read alone; at the second the rest of the cohort is read too, its
     * agencies in one statement and their users in another, instead of two statements an agency.
     */
    Agency agencyAmong(String code, Supplier<Collection<String>> cohort) {
        Map<String, Boolean> cohorts = TransactionCache.map(Recipients.class);
        if (cohorts != null && !TransactionCache.contains(AGENCY, code) && cohorts.put("read alone", true) != null
                && cohorts.put("read together", true) == null) {
            readTogether(cohort.get());
        }
        return agency(code);
    }

    private void readTogether(Collection<String> codes) {
        List<String> unread = codes.stream().distinct().filter(c -> !TransactionCache.contains(AGENCY, c)).toList();
        if (unread.isEmpty()) {
            return;
        }
        agencies.findAll(unread).forEach(a -> TransactionCache.put(AGENCY, a.code(), a));
        Map<String, List<Recipient>> users = new HashMap<>();
        unread.forEach(c -> users.put(c, new ArrayList<>()));
        jdbc.sql("select agency_code, email, locale from app_user where enabled = true and email is not null and "
                        + "agency_code in (:codes) order by username")
                .param("codes", unread)
                .query((RowCallbackHandler) rs -> users.get(rs.getString("agency_code")).add(recipient(rs)));
        users.forEach((c, list) -> TransactionCache.put(AGENCY_USERS, c, List.copyOf(list)));
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
        return List.copyOf(jdbc.sql("select email, locale from app_user where enabled = true and email is not null and "
                        + condition + " order by username")
                .param(value)
                .query((rs, n) -> recipient(rs))
                .list());
    }

    private static Recipient recipient(ResultSet rs) throws SQLException {
        return new Recipient(rs.getString("email").strip(),
                Messages.supported(Locale.forLanguageTag(rs.getString("locale"))));
    }

    private static void add(Map<String, Recipient> result, Recipient r) {
        if (!r.address().isEmpty()) {
            result.put(MailAddresses.key(r.address()), r);
        }
    }
}
