package io.entrasync.mirror;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On H2 (the zero-setup default), opens every pooled connection with the full read's staging tables
 * ({@link Staging#h2ConnectionInitSql()}), so that no run creates them inside its transaction and holds H2's schema
 * lock for its whole length.
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

    /**
     * Adds the staging tables to an H2 pool's connection-init statement (after one the configuration sets); call
     * before the pool opens its first connection.
     */
    static void prepare(com.zaxxer.hikari.HikariConfig pool) {
        String url = pool.getJdbcUrl();
        if (url != null && url.startsWith("jdbc:h2:")) {
            String configured = pool.getConnectionInitSql();
            pool.setConnectionInitSql(configured == null || configured.isBlank() ? Staging.h2ConnectionInitSql()
                    : configured + "; " + Staging.h2ConnectionInitSql());
        }
    }
}
