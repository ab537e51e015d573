package az.opengov.nap.bench;

import static org.springframework.web.servlet.function.RouterFunctions.route;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * What the harness adds to the application: the SQL statement counter and, until the monitoring page is in this
 * branch, the overdue dashboard's reads as JSON over HTTP ({@code /api/admin/bench/overdue}, administrators): a page
 * of 50 with measure, agency and days overdue, the total and the counts per agency, from {@code work_item}.
 */
@TestConfiguration(proxyBeanMethods = false)
class BenchConfiguration {

    @Bean
    static SqlCount sqlCount() {
        return new SqlCount();
    }

    record OverdueRow(String taskId, String planCode, String measureCode, String measureTitle, String agencyCode,
                      String agencyName, Instant dueAt, long daysOverdue) {
    }

    @Bean
    RouterFunction<ServerResponse> benchOverdue(JdbcClient jdbc) {
        return route().GET("/api/admin/bench/overdue", request -> {
            int page = Integer.parseInt(request.param("page").orElse("0"));
            Instant now = ClockUtil.getCurrentTime().toInstant();
            Timestamp at = Timestamp.from(now);
            List<OverdueRow> rows = jdbc.sql("""
                    select w.task_id, w.plan_code, w.measure_code, m.title, w.agency_code, a.name_az, w.due_at
                    from work_item w join measure m on m.id = w.measure_id left join agency a on a.code = w.agency_code
                    where w.state = 'OPEN' and w.due_at < :now
                    order by w.due_at, w.task_id offset :offset rows fetch next 50 rows only""")
                    .param("now", at).param("offset", page * 50)
                    .query((rs, n) -> {
                        Instant due = rs.getTimestamp("due_at").toInstant();
                        return new OverdueRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), due,
                                java.time.Duration.between(due, now).toDays());
                    }).list();
            long total = jdbc.sql("select count(*) from work_item where state = 'OPEN' and due_at < :now")
                    .param("now", at).query(Long.class).single();
            Map<String, Long> byAgency = new LinkedHashMap<>();
            jdbc.sql("""
                    select agency_code, count(*) from work_item where state = 'OPEN' and due_at < :now
                    group by agency_code order by count(*) desc, agency_code""")
                    .param("now", at).query((rs, n) -> byAgency.put(rs.getString(1), rs.getLong(2))).list();
            return ServerResponse.ok().body(Map.of("total", total, "byAgency", byAgency, "items", rows));
        }).build();
    }
}
