package io.entrasync.retention;

import io.entrasync.schedule.RepeatingJob;
import org.quartz.JobKey;
import org.quartz.TriggerKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The history purge: a {@link RepeatingJob} every {@code entra-sync.retention.interval}, on one replica at a time. */
@Configuration(proxyBeanMethods = false)
class RetentionSchedule {

    static final JobKey JOB = JobKey.jobKey("history-retention", "retention");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("history-retention", "retention");

    @Bean
    RepeatingJob historyRetention(RetentionProperties properties) {
        return new RepeatingJob(RetentionJob.class, JOB, TRIGGER, properties.interval(), "purges old sync runs, their changes, old inbound mail, alerts and audit events");
    }
}
