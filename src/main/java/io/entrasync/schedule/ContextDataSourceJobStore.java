package io.entrasync.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerConfigException;
import org.quartz.SchedulerException;
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
 *
 * <p>It also keeps the scheduler's signaler, so that a trigger stored inside a Spring transaction can wake the
 * scheduler thread once that transaction has committed ({@link #wake}): Quartz wakes it while storing, before the
 * commit, and the thread (which acquires triggers without a lock) then finds nothing and sleeps its idle wait, 30 s.
 */
public class ContextDataSourceJobStore extends LocalDataSourceJobStore {

    private static final AtomicLong STORES = new AtomicLong();
    /** Each scheduler's signaler, by scheduler name and instance id (several contexts may share a JVM). */
    private static final Map<String, SchedulerSignaler> SIGNALERS = new ConcurrentHashMap<>();

    private final String suffix = "#" + STORES.incrementAndGet();

    @Override
    public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler) throws SchedulerConfigException {
        DataSource transactional = SchedulerFactoryBean.getConfigTimeDataSource();
        DataSource nonTransactional = SchedulerFactoryBean.getConfigTimeNonTransactionalDataSource();
        DataSource plain = nonTransactional != null ? nonTransactional : transactional;
        super.initialize(loadHelper, signaler);
        SIGNALERS.put(key(getInstanceName(), getInstanceId()), signaler);
        DBConnectionManager.getInstance().addConnectionProvider(getDataSource(),
                provider(() -> DataSourceUtils.doGetConnection(transactional)));
        DBConnectionManager.getInstance().addConnectionProvider(getNonManagedTXDataSource(), provider(plain::getConnection));
    }

    @Override
    public void shutdown() {
        SIGNALERS.remove(key(getInstanceName(), getInstanceId()));
        super.shutdown();
    }

    /** Tells {@code scheduler}'s thread to look for triggers now (a no-op for a scheduler of another store). */
    static void wake(Scheduler scheduler) throws SchedulerException {
        SchedulerSignaler signaler = SIGNALERS.get(key(scheduler.getSchedulerName(), scheduler.getSchedulerInstanceId()));
        if (signaler != null) {
            signaler.signalSchedulingChange(0L);
        }
    }

    private static String key(String name, String instanceId) {
        return name + "/" + instanceId;
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
