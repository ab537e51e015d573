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
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements the application sends, whoever sends them (our repositories, the engine, Flyway): every
 * {@code execute*} call on a statement is one, a JDBC batch is one per {@code addBatch}. A thin JDBC wrapper around the
 * application's data source, because neither datasource-proxy nor {@code pg_stat_statements} (not preloaded on the
 * CI database) is at hand. The count is global: measure one operation at a time to read it per operation.
 */
final class SqlCount implements BeanPostProcessor {

    private static final AtomicLong STATEMENTS = new AtomicLong();
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
                if (trace != null) {
                    trace.add(sql != null ? sql : args != null && args.length > 0 ? String.valueOf(args[0]) : "?");
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
