package az.opengov.nap.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements the application sends, whoever sends them (our repositories, the engine, Flyway): every
 * {@code execute*} call on a statement is one, a JDBC batch is one per {@code addBatch}, as {@code pg_stat_statements}
 * counts its calls (PostgreSQL's driver sends a batch's rows as a Bind and an Execute each, pipelined in few round
 * trips, and the server runs each as a statement of its own): statements, not round trips. A thin JDBC wrapper
 * around the application's data source, because neither datasource-proxy nor {@code pg_stat_statements} (not
 * preloaded on the CI database) is at hand. The count is global: measure one operation at a time to read it per
 * operation.
 */
final class SqlCount implements BeanPostProcessor {

    private static final AtomicLong STATEMENTS = new AtomicLong();
    /** Statements by kind and table ("insert work_item"), from every thread, while {@link #byTable} runs. */
    private static final Map<String, LongAdder> TABLES = new ConcurrentHashMap<>();
    /** The kind and table of each statement text met: a statement repeats, its text is matched once. */
    private static final Map<String, String> TABLE_OF = new ConcurrentHashMap<>();
    private static volatile boolean tally;
    private static final Pattern TABLE = Pattern.compile(
            "^\\s*(?:(insert)\\s+into|(update)|(delete)\\s+from|(select)\\b.*?\\bfrom)\\s+([\\w.]+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** The statements of the current thread while {@link #trace} runs, else null. */
    private static final ThreadLocal<List<String>> TRACE = new ThreadLocal<>();

    static long now() {
        return STATEMENTS.get();
    }

    /** Runs the operation in this thread and returns the SQL of every statement it sent, in order. */
    static List<String> trace(Bench.Op op) throws Exception {
        List<String> sql = new ArrayList<>();
        TRACE.set(sql);
        try {
            op.run();
        } finally {
            TRACE.remove();
        }
        return sql;
    }

    /** From now on counts every thread's statements by kind and table too, afresh (see {@link #byTable}). */
    static void tallyByTable() {
        TABLES.clear();
        tally = true;
    }

    /**
     * Stops counting by table and returns what was counted since {@link #tallyByTable}: statements by kind and the
     * first table named ("insert work_item"), most frequent first.
     */
    static Map<String, Long> byTable() {
        tally = false;
        Map<String, Long> result = new LinkedHashMap<>();
        TABLES.entrySet().stream().sorted(Map.Entry.<String, LongAdder>comparingByValue(
                        java.util.Comparator.comparingLong(LongAdder::sum)).reversed())
                .forEach(e -> result.put(e.getKey(), e.getValue().sum()));
        return result;
    }

    static String table(String sql) {
        Matcher m = TABLE.matcher(sql);
        if (!m.find()) {
            return "other";
        }
        String verb = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2)
                : m.group(3) != null ? m.group(3) : m.group(4);
        return verb.toLowerCase(Locale.ROOT) + " " + m.group(5).toLowerCase(Locale.ROOT);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource ds && !Proxy.isProxyClass(bean.getClass())) {
            return proxy(DataSource.class, ds, null);
        }
        return bean;
    }

    private static Object proxy(Class<?> type, Object target, String sql) {
        return Proxy.newProxyInstance(SqlCount.class.getClassLoader(), new Class<?>[] {type}, new Handler(target, sql));
    }

    /** A JDBC object and, for a prepared statement, its SQL. */
    private record Handler(Object target, String sql) implements InvocationHandler {
        @Override
        public Object invoke(Object p, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(target)) {
                return target;
            }
            if (target instanceof Statement && (name.startsWith("execute") && !name.equals("executeBatch")
                    || name.equals("addBatch") && target instanceof PreparedStatement)) {
                STATEMENTS.incrementAndGet();
                List<String> trace = TRACE.get();
                if (trace != null || tally) {
                    String text = sql != null ? sql : args != null && args.length > 0 ? String.valueOf(args[0]) : "?";
                    if (trace != null) {
                        trace.add(text);
                    }
                    if (tally) {
                        TABLES.computeIfAbsent(TABLE_OF.computeIfAbsent(text, SqlCount::table), k -> new LongAdder())
                                .increment();
                    }
                }
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            String text = name.startsWith("prepare") && args != null && args[0] instanceof String q ? q : null;
            if (result instanceof Connection c) {
                return proxy(Connection.class, c, null);
            }
            if (result instanceof CallableStatement s) {
                return proxy(CallableStatement.class, s, text);
            }
            if (result instanceof PreparedStatement s) {
                return proxy(PreparedStatement.class, s, text);
            }
            if (result instanceof Statement s) {
                return proxy(Statement.class, s, null);
            }
            return result;
        }
    }
}
