package az.opengov.nap.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.security.AppUser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The dashboard with its counts reused as in production ({@code nap.monitoring.counts-for}, here an hour so nothing
 * expires during the test): every figure of {@link MonitoringServiceTest} holds as well, and the counts are made
 * once, while the rows are read on every request, until an action is taken from the dashboard.
 */
@SpringBootTest(properties = "nap.monitoring.counts-for=1h")
class MonitoringCountsTest extends MonitoringServiceTest {

    static final AppUser ADMIN = new AppUser("counts-admin", "Admin", null, "az", null, false, true, true);

    @Test
    void countsAreReusedWhileTheRowsAreCurrent() {
        OverduePage first = monitoring.overdue(filter("plan", planA));
        jdbc.sql("update work_item set state = 'COMPLETED' where task_id = ?").param(id("r1")).update();

        OverduePage again = monitoring.overdue(filter("plan", planA, "sort", "agency"));
        assertThat(again.countedAt()).isEqualTo(first.countedAt());
        assertThat(again.tiles()).isEqualTo(first.tiles());
        assertThat(again.buckets()).isEqualTo(first.buckets());
        assertThat(again.byAgency()).isEqualTo(first.byAgency());
        assertThat(again.rows()).extracting(OverdueRow::taskId).hasSize(4).doesNotContain(id("r1"));
    }

    @Test
    void anActionFromTheDashboardRecountsEverything() {
        OverduePage first = monitoring.overdue(filter("plan", planA));
        assertThat(first.tiles().overdueReports()).isEqualTo(5);
        jdbc.sql("update work_item set state = 'COMPLETED' where task_id = ?").param(id("r1")).update();

        // the row was closed meanwhile: the action reports it, and the counts are made again
        var outcome = monitoring.act(new ActionRequest("remind", List.of(id("r1")), "Chasing the late ones", null,
                null), ADMIN);
        assertThat(outcome.items()).singleElement().satisfies(item -> assertThat(item.done()).isFalse());

        OverduePage after = monitoring.overdue(filter("plan", planA));
        assertThat(after.tiles().overdueReports()).isEqualTo(4);
        assertThat(after.total()).isEqualTo(4);
        assertThat(after.countedAt()).isAfterOrEqualTo(first.countedAt());
    }

    @Test
    void eachFilterHasCountsOfItsOwn() {
        assertThat(monitoring.overdue(filter("plan", planA)).total()).isEqualTo(5);
        assertThat(monitoring.overdue(filter("plan", planA, "role", "recommended")).total()).isEqualTo(1);
        assertThat(monitoring.overdue(filter("plan", planA, "kind", "review")).total()).isEqualTo(2);
    }
}
