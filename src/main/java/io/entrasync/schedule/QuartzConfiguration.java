package io.entrasync.schedule;

import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the job instance of each fire directly, instead of Spring's default job factory, which builds and autowires
 * a bean per fire (a measurable share of a small tenant's run when a thousand tenants sync in a round). The only job
 * is the stateless {@link TenantSyncJob}; its {@link TenantRuns} is looked up lazily, because the runs need the
 * scheduler that this factory is part of.
 */
@Configuration(proxyBeanMethods = false)
class QuartzConfiguration {

    @Bean
    SchedulerFactoryBeanCustomizer directTenantJobFactory(ObjectProvider<TenantRuns> runs, ListableBeanFactory beans) {
        return factory -> factory.setJobFactory(new DirectJobFactory(runs, beans));
    }

    /** Other jobs (the notification subscriptions' renewal) are Spring beans of their job class. */
    private record DirectJobFactory(ObjectProvider<TenantRuns> runs, ListableBeanFactory beans) implements JobFactory {

        @Override
        public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
            Class<? extends Job> type = bundle.getJobDetail().getJobClass();
            if (type != TenantSyncJob.class) {
                Job bean = beans.getBeanProvider(type).getIfAvailable();
                if (bean != null) {
                    return bean;
                }
                throw new SchedulerException("unknown job class " + type.getName() + " of job "
                        + bundle.getJobDetail().getKey() + ": no bean of that class in this replica");
            }
            return new TenantSyncJob(runs.getObject());
        }
    }
}
