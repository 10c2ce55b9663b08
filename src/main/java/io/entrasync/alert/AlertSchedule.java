package io.entrasync.alert;

import io.entrasync.schedule.RepeatingJob;
import org.quartz.JobKey;
import org.quartz.TriggerKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The alert evaluation: a {@link RepeatingJob} every {@code entra-sync.alerts.interval}, on one replica at a time.
 * Stored even without any channel: conditions are tracked and shown on the page all the same.
 */
@Configuration(proxyBeanMethods = false)
class AlertSchedule {

    static final JobKey JOB = JobKey.jobKey("tenant-alerts", "alerts");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("tenant-alerts", "alerts");

    @Bean
    RepeatingJob alertEvaluation(AlertProperties properties) {
        return new RepeatingJob(AlertJob.class, JOB, TRIGGER, properties.interval(), "evaluates tenant conditions and delivers alerts");
    }
}
