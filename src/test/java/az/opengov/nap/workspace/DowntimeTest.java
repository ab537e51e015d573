package az.opengov.nap.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.support.EngineJobs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Promises 5 and 6: the system is down (no job runs) while the clock passes the reminder point; when it comes back
 * each due reminder is raised once. Down again past the due date and three escalation points: one escalation per
 * executor, saying how many working days the report is late, and no reminder for a date already past. Running the
 * jobs again (a restart, a second node) queues nothing more. (In-process: "down" is the engine not running jobs while
 * the engine clock moves; the cluster test kills real processes.)
 */
class DowntimeTest extends WorkspaceTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    az.opengov.nap.notification.Reminders reminders;
    @org.springframework.beans.factory.annotation.Autowired
    az.opengov.nap.notification.Escalations escalations;

    /** The measure's due jobs, then its due reminders: what the job executor and the reminder poller do. */
    private void runDue(String processInstanceId) {
        EngineJobs.runDue(management, reminders, escalations, processInstanceId);
    }

    @Test
    void afterDowntimePastSeveralDueDatesEachReminderFiresOnceAndNothingTwice() {
        // down since 1 July (the fixture ran no job since): back on Monday 13 July, past the reminder point of 8 July
        WorkspaceFixture.at("2026-07-13T06:00:00");
        runDue(measure.processInstanceId());
        assertThat(events("REMINDER")).containsExactlyInAnyOrder("MCHT=1/0", "EDU=1/0", "MILLI_MECLIS=1/0");
        long reminders = outboxRows();
        assertThat(reminders).isPositive();
        assertThat(duplicateMails()).isZero();

        // down again, now past the due date of 15 July and the escalation points of 16, 23 and 30 July: back on
        // Friday 31 July. One escalation per executor, the one the calendar puts now, saying how many working days
        // the report is late (12), whatever the number of timer firings missed; no stale reminder.
        WorkspaceFixture.at("2026-07-31T06:00:00");
        runDue(measure.processInstanceId());
        assertThat(events("ESCALATION")).containsExactlyInAnyOrder("MCHT=1/12", "EDU=1/12");
        assertThat(events("REMINDER")).containsExactlyInAnyOrder("MCHT=1/0", "EDU=1/0", "MILLI_MECLIS=1/0");
        long queued = outboxRows();
        assertThat(queued).isGreaterThan(reminders);

        // started again (or a second node): the timers run again, nothing is raised or queued twice
        runDue(measure.processInstanceId());
        WorkspaceFixture.at("2026-07-31T07:00:00");
        runDue(measure.processInstanceId());
        assertThat(outboxRows()).isEqualTo(queued);
        assertThat(duplicateMails()).isZero();
        assertThat(jdbc.sql("select count(*) from deadline_event where measure_id = ?").param(measure.id())
                .query(Long.class).single()).isEqualTo(5);
    }

    List<String> events(String kind) {
        return jdbc.sql("""
                select agency_code, count(*) as n, max(days_overdue) as days from deadline_event
                where measure_id = ? and kind = ? group by agency_code""").params(measure.id(), kind)
                .query((rs, n) -> rs.getString("agency_code") + "=" + rs.getLong("n") + "/" + rs.getInt("days"))
                .list();
    }

    long outboxRows() {
        return jdbc.sql("select count(*) from mail_outbox where measure_id = ? and kind in ('REMINDER', "
                + "'INVITED_REMINDER', 'ESCALATION')").param(measure.id()).query(Long.class).single();
    }

    long duplicateMails() {
        return jdbc.sql("""
                select count(*) from (select kind, agency_code, due_date, recipient from mail_outbox
                    where measure_id = ? group by kind, agency_code, due_date, recipient, dedup_key
                    having count(*) > 1) d""")
                .param(measure.id()).query(Long.class).single();
    }
}
