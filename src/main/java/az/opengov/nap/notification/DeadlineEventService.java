package az.opengov.nap.notification;

import az.opengov.nap.shared.BusinessDays;
import az.opengov.nap.shared.Clock;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the reminder and escalation points the process reaches and announces them as {@link DeadlineReached}.
 * A point is recorded at most once: a timer that fires again (a retried job, a restart) adds nothing.
 */
@Service
public class DeadlineEventService {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    DeadlineEventService(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** A reminder before the due date; none once the date has passed (the escalation speaks then). */
    @Transactional
    public Optional<DeadlineReached> remind(long measureId, int cycle, String agencyCode, LocalDate dueDate) {
        if (Clock.today().isAfter(dueDate)) {
            return Optional.empty();
        }
        return record(new DeadlineReached(measureId, cycle, agencyCode, DeadlineKind.REMINDER, dueDate, 0, 1));
    }

    /**
     * An escalation: the sequence is the escalation's place in the calendar (1 the day after due, 2 after
     * {@code everyDays} more...), so a late or repeated firing (a restart after downtime, a second node) cannot invent
     * escalations; how late the report is counts in working days from the due date (Monday to Friday, see
     * {@link BusinessDays}), at least one, never in timer firings.
     */
    @Transactional
    public Optional<DeadlineReached> escalate(long measureId, int cycle, String agencyCode, LocalDate dueDate,
                                              int everyDays) {
        long overdue = ChronoUnit.DAYS.between(dueDate, Clock.today());
        if (overdue < 1) {
            return Optional.empty();
        }
        int sequence = (int) ((overdue - 1) / everyDays) + 1;
        long workingDays = Math.max(1, BusinessDays.between(dueDate, Clock.today()));
        return record(new DeadlineReached(measureId, cycle, agencyCode, DeadlineKind.ESCALATION, dueDate,
                (int) workingDays, sequence));
    }

    public List<DeadlineReached> events(long measureId) {
        return jdbc.sql("select * from deadline_event where measure_id = ? order by raised_at, id").param(measureId)
                .query((rs, n) -> new DeadlineReached(rs.getLong("measure_id"), rs.getInt("cycle_number"),
                        rs.getString("agency_code"), DeadlineKind.valueOf(rs.getString("kind")),
                        rs.getDate("due_date").toLocalDate(), rs.getInt("days_overdue"), rs.getInt("sequence")))
                .list();
    }

    private Optional<DeadlineReached> record(DeadlineReached e) {
        int inserted = jdbc.sql("""
                insert into deadline_event (measure_id, cycle_number, agency_code, kind, due_date, days_overdue,
                    sequence, raised_at)
                select ?, ?, ?, ?, ?, ?, ?, ? from (values (1)) as one (x)
                where not exists (select 1 from deadline_event where measure_id = ? and cycle_number = ?
                    and agency_code = ? and kind = ? and due_date = ? and sequence = ?)""")
                .params(e.measureId(), e.cycleNumber(), e.agencyCode(), e.kind().name(), Date.valueOf(e.dueDate()),
                        e.daysOverdue(), e.sequence(), Timestamp.from(Clock.now()),
                        e.measureId(), e.cycleNumber(), e.agencyCode(), e.kind().name(), Date.valueOf(e.dueDate()),
                        e.sequence())
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        events.publishEvent(e);
        return Optional.of(e);
    }
}
