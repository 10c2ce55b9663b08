package io.entrasync.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the embedded Tomcat's request threads execute ({@code http-nio-*}), through a proxy
 * around the application's DataSource: what a request costs the database, apart from the background work of Quartz
 * and the notification processor. Import it into a {@code @SpringBootTest}; read {@link #count()} before and after.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RequestStatements {

    private static final AtomicLong STATEMENTS = new AtomicLong();

    /** Statements executed on request threads since the JVM started. */
    public static long count() {
        return STATEMENTS.get();
    }

    @Bean
    static BeanPostProcessor requestStatementCounter() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
                    return proxy(DataSource.class, dataSource);
                }
                return bean;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target) {
        return (T) Proxy.newProxyInstance(RequestStatements.class.getClassLoader(), new Class<?>[]{type},
                (p, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof Connection connection && method.getReturnType() == Connection.class) {
                        return proxy(Connection.class, connection);
                    }
                    if (result instanceof Statement statement
                            && Statement.class.isAssignableFrom(method.getReturnType())) {
                        return proxy((Class<Statement>) method.getReturnType(), statement);
                    }
                    if (target instanceof Statement && method.getName().startsWith("execute")
                            && Thread.currentThread().getName().startsWith("http-nio")) {
                        STATEMENTS.incrementAndGet();
                    }
                    return result;
                });
    }
}
