package io.entrasync.mirror;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On H2 (the zero-setup default), opens every pooled connection with the full read's staging tables
 * ({@link Staging#h2ConnectionInitSql()}), so that no run creates them inside its transaction and holds H2's schema
 * lock for its whole length. A connection-init statement the configuration already sets is left alone.
 */
@Component
class H2ConnectionStaging implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource) {
            prepare(dataSource);
        }
        return bean;
    }

    /** Sets the init statement on an H2 pool that has none; call before the pool opens its first connection. */
    static void prepare(com.zaxxer.hikari.HikariConfig pool) {
        String url = pool.getJdbcUrl();
        if (url != null && url.startsWith("jdbc:h2:") && pool.getConnectionInitSql() == null) {
            pool.setConnectionInitSql(Staging.h2ConnectionInitSql());
        }
    }
}
