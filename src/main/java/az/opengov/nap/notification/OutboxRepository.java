package az.opengov.nap.notification;

import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

/** Table {@code mail_outbox}. */
@Repository
class OutboxRepository {

    private static final String COLUMNS = """
            dedup_key, kind, measure_id, cycle_number, agency_code, due_date, recipient, locale, subject, body_text,
            body_html, link, status, attempts, next_attempt_at, last_error, created_at, summary, model""";
    /** Due now: pending and due, or claimed by a node whose lease has run out (it crashed or hung). */
    private static final String DUE = """
            ((status = 'PENDING' and next_attempt_at <= :now) or (status = 'SENDING' and locked_until < :now))""";
    /**
     * What a claim takes for the address and kind of a due message: the due ones, and those waiting for their first
     * attempt (gathered, see {@link MailKind#gathers()}), which then leave with it.
     */
    private static final String TAKEN = "(" + DUE + " or (status = 'PENDING' and attempts = 0))";

    private final JdbcClient jdbc;
    private final boolean postgres;

    OutboxRepository(JdbcClient jdbc, DataSource dataSource) throws MetaDataAccessException {
        this.jdbc = jdbc;
        this.postgres = "PostgreSQL".equals(
                JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
    }

    /** A new row, unless one with the same key and recipient exists: {@code true} if it was added. */
    boolean insert(NewRow r) {
        Object[] values = values(r);
        if (postgres) {
            // a unique violation would abort PostgreSQL's whole transaction, the process step's: never raise one
            return jdbc.sql("insert into mail_outbox (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    + "?, ?, ?, ?, ?, ?) on conflict (dedup_key, recipient) do nothing").params(values).update() == 1;
        }
        try {
            return jdbc.sql("insert into mail_outbox (" + COLUMNS + ") select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            + "?, ?, ?, ?, ?, ? from (values (1)) as one (x) where not exists "
                            + "(select 1 from mail_outbox where dedup_key = ? and recipient = ?)")
                    .params(concat(values, r.dedupKey(), r.recipient())).update() == 1;
        } catch (DuplicateKeyException e) {
            return false; // a concurrent insert of the same mail won
        }
    }

    /**
     * New rows, each unless one with the same key and recipient exists: how many were added. On PostgreSQL one
     * statement for all of them (a mail to the commission has a row per reviewer), elsewhere one per row.
     */
    int insertAll(List<NewRow> rows) {
        if (!postgres || rows.size() < 2) {
            int added = 0;
            for (NewRow r : rows) {
                added += insert(r) ? 1 : 0;
            }
            return added;
        }
        int added = 0;
        // within PostgreSQL's 65,535 parameters a statement
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<NewRow> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            List<Object> values = new ArrayList<>();
            chunk.forEach(r -> values.addAll(java.util.Arrays.asList(values(r))));
            added += jdbc.sql("insert into mail_outbox (" + COLUMNS + ") values "
                            + String.join(", ", java.util.Collections.nCopies(chunk.size(), ROW))
                            + " on conflict (dedup_key, recipient) do nothing")
                    .params(values).update();
        }
        return added;
    }

    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int ROWS_PER_STATEMENT = 1000;

    private static Object[] values(NewRow r) {
        return new Object[] {r.dedupKey(), r.kind().name(), r.measureId(), r.cycleNumber(), r.agencyCode(),
                r.dueDate() == null ? null : Date.valueOf(r.dueDate()), r.recipient(), r.locale(), r.subject(),
                r.text(), r.html(), r.link(), r.status().name(), 0, Timestamp.from(r.dueAt()), r.error(),
                Timestamp.from(r.now()), truncate(r.summary(), 1000), r.model()};
    }

    /**
     * Claims due messages to the addresses of the {@code limit} oldest, of their kinds, for {@code node} until
     * {@code until}, address by address (at most {@link #CLAIM_FACTOR} × {@code limit} in all), each attempt counted:
     * what waits for one address leaves together, so that the sender can join what may be joined (see
     * {@link MailKind#joins()}), including the messages of that kind still gathering (see {@link #TAKEN}). Rows
     * another transaction holds are skipped ({@code for update skip locked}), and the claim re-checks that the row is
     * still to be taken, so two nodes never claim the same message. On PostgreSQL one statement, elsewhere one to
     * select and two per message. Call inside a transaction.
     */
    List<OutboxMessage> claim(String node, Instant now, Instant until, int limit) {
        // the oldest due rows name the addresses and kinds (on PostgreSQL locked too, so that a sender claiming at the
        // same moment starts from the next oldest, mostly other addresses); their rows are taken address by address,
        // so that a claim holds all of what waits for the addresses and kinds it holds
        String candidates = "select id from mail_outbox where " + TAKEN + " and (recipient, kind) in (select "
                + "recipient, kind from mail_outbox where " + DUE + " order by next_attempt_at, id fetch first :limit "
                + "rows only"
                + (postgres ? " for update skip locked" : "") + ") "
                + "order by recipient, next_attempt_at, id fetch first :most rows only for update skip locked";
        if (postgres) {
            // one statement for the whole batch: the rows are locked (or skipped) by the subquery and updated and
            // returned by the same statement, which re-checks each row once it holds its lock; the subquery is
            // materialized, as a subquery inside the update's condition may be run again by the plan and lock more
            // than its limit
            return jdbc.sql("with candidates as materialized (" + candidates + ") update mail_outbox set status = "
                            + "'SENDING', locked_by = :node, locked_until = :until, attempts = attempts + 1 where "
                            + TAKEN + " and id in (select id from candidates) returning *")
                    .param("node", node).param("until", Timestamp.from(until)).param("now", Timestamp.from(now))
                    .param("limit", limit).param("most", limit * CLAIM_FACTOR).query((rs, n) -> map(rs, true)).list()
                    .stream()
                    .sorted(Comparator.comparing(OutboxMessage::nextAttemptAt).thenComparing(OutboxMessage::id))
                    .toList();
        }
        List<Long> ids = jdbc.sql(candidates).param("now", Timestamp.from(now)).param("limit", limit)
                .param("most", limit * CLAIM_FACTOR).query(Long.class).list();
        List<OutboxMessage> claimed = new ArrayList<>();
        for (long id : ids) {
            int updated = jdbc.sql("update mail_outbox set status = 'SENDING', locked_by = :node,"
                            + " locked_until = :until, attempts = attempts + 1 where id = :id and " + TAKEN)
                    .param("node", node).param("until", Timestamp.from(until)).param("id", id)
                    .param("now", Timestamp.from(now)).update();
            if (updated == 1) {
                find(id, true).ifPresent(claimed::add);
            }
        }
        return claimed;
    }

    /** How many messages a claim may take for every one of its {@code limit} oldest: the others to those addresses. */
    static final int CLAIM_FACTOR = 10;

    /**
     * The server accepted them (one mail, or several joined in one); only the node holding the claim may say so.
     *
     * @return how many were still this node's to mark
     */
    int markSent(List<Long> ids, String node, Instant at) {
        return jdbc.sql("""
                update mail_outbox set status = 'SENT', sent_at = :at, locked_by = null, locked_until = null,
                    last_error = null where id in (:ids) and status = 'SENDING' and locked_by = :node""")
                .param("at", Timestamp.from(at)).param("ids", ids).param("node", node).update();
    }

    /** An attempt failed: try again at {@code next}, or give up ({@code status} FAILED or REJECTED). */
    boolean markFailedAttempt(long id, String node, OutboxStatus status, Instant next, String error) {
        return jdbc.sql("""
                update mail_outbox set status = ?, next_attempt_at = ?, last_error = ?, locked_by = null,
                    locked_until = null where id = ? and status = 'SENDING' and locked_by = ?""")
                .params(status.name(), Timestamp.from(next), truncate(error, 2000), id, node).update() == 1;
    }

    /** An administrator's retry of a FAILED message: due now, with a fresh series of attempts. */
    boolean retry(long id, Instant now) {
        return jdbc.sql("""
                update mail_outbox set status = 'PENDING', attempts = 0, next_attempt_at = ?, locked_by = null,
                    locked_until = null where id = ? and status = 'FAILED'""")
                .params(Timestamp.from(now), id).update() == 1;
    }

    Optional<OutboxMessage> find(long id, boolean withBodies) {
        return jdbc.sql("select * from mail_outbox where id = ?").param(id)
                .query((rs, n) -> map(rs, withBodies)).optional();
    }

    List<OutboxMessage> page(OutboxStatus status, int offset, int limit) {
        return jdbc.sql("select * from mail_outbox where " + filter(status)
                        + " order by created_at desc, id desc offset :offset rows fetch next :limit rows only")
                .param("status", status == null ? "" : status.name()).param("offset", offset)
                .param("limit", limit).query((rs, n) -> map(rs, false)).list();
    }

    long count(OutboxStatus status) {
        return jdbc.sql("select count(*) from mail_outbox where " + filter(status))
                .param("status", status == null ? "" : status.name()).query(Long.class).single();
    }

    private static String filter(OutboxStatus status) {
        return status == null ? "(status <> :status)" : "(status = :status)";
    }

    private static Object[] concat(Object[] values, Object... more) {
        Object[] all = new Object[values.length + more.length];
        System.arraycopy(values, 0, all, 0, values.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static OutboxMessage map(ResultSet rs, boolean withBodies) throws SQLException {
        Date due = rs.getDate("due_date");
        return new OutboxMessage(rs.getLong("id"), MailKind.valueOf(rs.getString("kind")),
                OutboxStatus.valueOf(rs.getString("status")), rs.getString("recipient"), rs.getString("locale"),
                rs.getString("subject"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "sent_at"),
                rs.getObject("measure_id") == null ? null : rs.getLong("measure_id"),
                (Integer) rs.getObject("cycle_number", Integer.class), rs.getString("agency_code"),
                due == null ? null : due.toLocalDate(), rs.getString("link"), rs.getString("locked_by"),
                rs.getString("dedup_key"), withBodies ? rs.getString("body_text") : null,
                withBodies ? rs.getString("body_html") : null, rs.getString("summary"),
                withBodies ? rs.getString("model") : null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** A row to add. */
    record NewRow(String dedupKey, MailKind kind, Long measureId, Integer cycleNumber, String agencyCode,
                  LocalDate dueDate, String recipient, String locale, String subject, String text, String html,
                  String link, OutboxStatus status, String error, Instant now, Instant dueAt, String summary,
                  String model) {
    }
}
