package az.opengov.nap.portal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The portal's one look across the features' tables: a read-only fingerprint of everything the public pages are
 * made of, so that the published snapshot is rebuilt only when something changed and conditional GETs are cheap.
 */
@Repository
class PortalRepository {

    private final JdbcClient jdbc;

    PortalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A version of the public data, and the last moment anything public changed. */
    record Fingerprint(String version, Instant lastChange) {
    }

    Fingerprint fingerprint() {
        return jdbc.sql("""
                select (select count(*) from publication) as c1,
                       (select max(published_at) from publication) as t1,
                       (select count(*) from final_assessment where published_at is not null) as c2,
                       (select max(published_at) from final_assessment) as t2,
                       (select count(*) from measure_action) as c3,
                       (select max(acted_at) from measure_action) as t3,
                       (select count(*) from measure) as c4,
                       (select count(*) from measure where status <> 'RUNNING') as c5,
                       (select count(*) from measure_agency) as c6,
                       (select count(*) from measure_agency where active = false) as c7,
                       (select count(*) from cycle_participant) as c8,
                       (select count(*) from cycle_participant where status <> 'OPEN') as c9,
                       (select count(*) from agency) as c10,
                       (select max(imported_at) from plan) as t4
                """).query((rs, n) -> {
            StringBuilder v = new StringBuilder();
            List<Instant> times = new ArrayList<>();
            for (int i = 1; i <= 14; i++) {
                Object o = rs.getObject(i);
                if (o instanceof Timestamp || rs.getMetaData().getColumnLabel(i).toLowerCase().startsWith("t")) {
                    Timestamp t = rs.getTimestamp(i);
                    v.append(t == null ? "-" : t.getTime());
                    if (t != null) {
                        times.add(t.toInstant());
                    }
                } else {
                    v.append(o);
                }
                v.append('/');
            }
            Instant last = times.stream().max(Instant::compareTo).orElse(Instant.EPOCH);
            return new Fingerprint(v.toString(), last);
        }).single();
    }

    // ---- subscriptions to a measure ----------------------------------------------------------------------------

    record Subscription(long id, String planCode, String measureCode, String email, String language,
                        String confirmToken, String unsubscribeToken, Instant createdAt, Instant confirmedAt,
                        Instant unsubscribedAt) {

        boolean active() {
            return confirmedAt != null && unsubscribedAt == null;
        }
    }

    Stream<Subscription> activeFor(String planCode, String measureCode) {
        return jdbc.sql("""
                select * from follow_subscription where plan_code = ? and measure_code = ?
                and confirmed_at is not null and unsubscribed_at is null order by id""")
                .params(planCode, measureCode).query(PortalRepository::subscription).list().stream();
    }

    java.util.Optional<Subscription> byConfirmToken(String token) {
        return jdbc.sql("select * from follow_subscription where confirm_token = ?").param(token)
                .query(PortalRepository::subscription).optional();
    }

    java.util.Optional<Subscription> byUnsubscribeToken(String token) {
        return jdbc.sql("select * from follow_subscription where unsubscribe_token = ?").param(token)
                .query(PortalRepository::subscription).optional();
    }

    java.util.Optional<Subscription> find(String planCode, String measureCode, String email) {
        return jdbc.sql("select * from follow_subscription where plan_code = ? and measure_code = ? and email = ?")
                .params(planCode, measureCode, email).query(PortalRepository::subscription).optional();
    }

    void insert(String planCode, String measureCode, String email, String language, String confirmToken,
                String unsubscribeToken, Instant now) {
        jdbc.sql("""
                insert into follow_subscription (plan_code, measure_code, email, language, confirm_token,
                  unsubscribe_token, created_at) values (?, ?, ?, ?, ?, ?, ?)""")
                .params(planCode, measureCode, email, language, confirmToken, unsubscribeToken, Timestamp.from(now))
                .update();
    }

    /** A new request for a subscription that lapsed or was never confirmed: new tokens, unconfirmed again. */
    void renew(long id, String language, String confirmToken, String unsubscribeToken, Instant now) {
        jdbc.sql("""
                update follow_subscription set language = ?, confirm_token = ?, unsubscribe_token = ?,
                created_at = ?, confirmed_at = null, unsubscribed_at = null where id = ?""")
                .params(language, confirmToken, unsubscribeToken, Timestamp.from(now), id).update();
    }

    int confirm(long id, Instant now) {
        return jdbc.sql("update follow_subscription set confirmed_at = ? where id = ? and confirmed_at is null")
                .params(Timestamp.from(now), id).update();
    }

    int unsubscribe(long id, Instant now) {
        return jdbc.sql("update follow_subscription set unsubscribed_at = ? where id = ? and unsubscribed_at is null")
                .params(Timestamp.from(now), id).update();
    }

    /** Remembers that subscribers were told of a publication; false when they were already. */
    boolean markAnnounced(long publicationId, Instant now) {
        try {
            return jdbc.sql("insert into follow_announcement (publication_id, announced_at) values (?, ?)")
                    .params(publicationId, Timestamp.from(now)).update() == 1;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
    }

    private static Subscription subscription(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Subscription(rs.getLong("id"), rs.getString("plan_code"), rs.getString("measure_code"),
                rs.getString("email"), rs.getString("language"), rs.getString("confirm_token"),
                rs.getString("unsubscribe_token"), rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("confirmed_at")), instant(rs.getTimestamp("unsubscribed_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
