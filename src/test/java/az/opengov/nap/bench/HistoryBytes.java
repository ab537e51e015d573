package az.opengov.nap.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the engine's history holds of one process instance, table by table, on PostgreSQL: rows and their bytes as
 * stored ({@code pg_column_size} of each row: header, null bitmap and values, TOAST-compressed values as compressed),
 * found by {@code ROOT_PROC_INST_ID_}, which every history table carries so that removal-time cleanup can find the
 * rows. Besides, every history table's whole row count and on-disk size with indexes and TOAST
 * ({@code pg_total_relation_size}): on an otherwise idle schema their growth over a stretch of work is what that work
 * cost, indexes and dead row versions of updated rows included.
 */
final class HistoryBytes {

    /** One table: the instance's rows and their bytes; the whole table's rows and on-disk bytes. */
    record Table(long rows, long bytes, long tableRows, long diskBytes) {
        Table minus(Table before) {
            return new Table(rows - before.rows, bytes - before.bytes, tableRows - before.tableRows,
                    diskBytes - before.diskBytes);
        }
    }

    private final JdbcTemplate jdbc;

    HistoryBytes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The history tables of the current schema; {@code ACT_GE_BYTEARRAY} counts with its history rows (type 3). */
    List<String> tables() {
        return jdbc.queryForList("""
                select table_name from information_schema.tables
                where table_schema = current_schema()
                    and (table_name like 'act\\_hi\\_%' or table_name = 'act_ge_bytearray')
                order by table_name""", String.class);
    }

    private boolean hasRoot(String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select count(*) > 0 from information_schema.columns
                where table_schema = current_schema() and table_name = ? and column_name = 'root_proc_inst_id_'""",
                Boolean.class, table));
    }

    /** Every history table as it is now, the instance's rows counted by its root process instance id. */
    Map<String, Table> snapshot(String rootProcessInstanceId) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String table : tables()) {
            String history = table.equals("act_ge_bytearray") ? " and t.type_ = 3" : "";
            long[] mine = hasRoot(table) ? jdbc.queryForObject("select count(*), coalesce(sum(pg_column_size(t.*)), 0)"
                    + " from " + table + " t where t.root_proc_inst_id_ = ?" + history,
                    (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, rootProcessInstanceId) : new long[] {0, 0};
            long all = jdbc.queryForObject("select count(*) from " + table + " t where 1 = 1" + history, Long.class);
            long disk = jdbc.queryForObject("select pg_total_relation_size(?::regclass)", Long.class, table);
            tables.put(table, new Table(mine[0], mine[1], all, disk));
        }
        return tables;
    }

    /** What happened between two snapshots, table by table. */
    static Map<String, Table> delta(Map<String, Table> before, Map<String, Table> after) {
        Map<String, Table> delta = new LinkedHashMap<>();
        after.forEach((table, now) -> delta.put(table, now.minus(before.getOrDefault(table, new Table(0, 0, 0, 0)))));
        return delta;
    }

    static Table total(Map<String, Table> tables) {
        return tables.values().stream().reduce(new Table(0, 0, 0, 0), (a, b) -> new Table(a.rows + b.rows,
                a.bytes + b.bytes, a.tableRows + b.tableRows, a.diskBytes + b.diskBytes));
    }
}
