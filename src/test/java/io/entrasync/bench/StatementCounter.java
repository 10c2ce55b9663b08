package io.entrasync.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL round trips the service makes: every execute/executeQuery/executeUpdate and every executeBatch
 * (one batch counts once), through a proxy around the application's DataSource. With {@code -Dbench.sql=true} it
 * also counts them per SQL text (for {@link #top}), plus commits and rollbacks.
 */
final class StatementCounter implements BeanPostProcessor {

    static final AtomicLong STATEMENTS = new AtomicLong();
    private static final boolean PER_SQL = Boolean.getBoolean("bench.sql");
    private static final Map<String, LongAdder> BY_SQL = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(Proxy.isProxyClass(bean.getClass()))) {
            return proxy(DataSource.class, dataSource, null);
        }
        return bean;
    }

    /** The most frequent statements since the last call (then forgotten), {@code count  sql} per line. */
    static List<String> top(int n) {
        List<String> lines = BY_SQL.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                .limit(n).map(e -> String.format("%8d  %s", e.getValue().sum(), e.getKey())).toList();
        BY_SQL.clear();
        return lines;
    }

    private static void count(String sql) {
        if (PER_SQL) {
            String key = sql == null ? "(unknown)" : sql.replaceAll("\\s+", " ");
            BY_SQL.computeIfAbsent(key.length() > 160 ? key.substring(0, 160) : key, k -> new LongAdder()).increment();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, String sql) {
        InvocationHandler handler = (p, method, args) -> {
            Object result = invoke(target, method, args);
            if (result instanceof Connection connection && method.getReturnType() == Connection.class) {
                return proxy(Connection.class, connection, null);
            }
            if (result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())) {
                String text = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                return proxy((Class<Statement>) method.getReturnType(), statement, text);
            }
            if (target instanceof Statement && method.getName().startsWith("execute")) {
                STATEMENTS.incrementAndGet();
                count(args != null && args.length > 0 && args[0] instanceof String s ? s : sql);
            }
            if (target instanceof Connection && (method.getName().equals("commit") || method.getName().equals("rollback"))) {
                count(method.getName().toUpperCase());
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[]{type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
