package io.entrasync.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.quartz.SchedulerConfigException;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.SchedulerSignaler;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * Spring's {@link LocalDataSourceJobStore} with connection providers of its own. Spring registers the store's
 * DataSource in Quartz's JVM-wide {@link DBConnectionManager} under a name derived from the scheduler name alone, so
 * two application contexts in one JVM with the same scheduler name (the cluster tests, or cached test contexts) would
 * all end up on the DataSource registered last. This store registers its own DataSource under a name unique in the
 * JVM; the scheduler name, and so the cluster the store belongs to, is unchanged. Set as
 * {@code org.quartz.jobStore.class}.
 */
public class ContextDataSourceJobStore extends LocalDataSourceJobStore {

    private static final AtomicLong STORES = new AtomicLong();

    private final String suffix = "#" + STORES.incrementAndGet();

    @Override
    public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler) throws SchedulerConfigException {
        DataSource transactional = SchedulerFactoryBean.getConfigTimeDataSource();
        DataSource nonTransactional = SchedulerFactoryBean.getConfigTimeNonTransactionalDataSource();
        DataSource plain = nonTransactional != null ? nonTransactional : transactional;
        super.initialize(loadHelper, signaler);
        DBConnectionManager.getInstance().addConnectionProvider(getDataSource(),
                provider(() -> DataSourceUtils.doGetConnection(transactional)));
        DBConnectionManager.getInstance().addConnectionProvider(getNonManagedTXDataSource(), provider(plain::getConnection));
    }

    @Override
    public void setDataSource(String name) {
        super.setDataSource(name + suffix);
    }

    @Override
    public void setNonManagedTXDataSource(String name) {
        super.setNonManagedTXDataSource(name + suffix);
    }

    private interface Connections {
        Connection get() throws SQLException;
    }

    private static ConnectionProvider provider(Connections connections) {
        return new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return connections.get();
            }

            @Override
            public void shutdown() {
                // the DataSource belongs to the Spring context
            }

            @Override
            public void initialize() {
                // nothing to set up
            }
        };
    }
}
