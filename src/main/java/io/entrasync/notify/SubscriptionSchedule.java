package io.entrasync.notify;

import io.entrasync.schedule.RepeatingJob;
import org.quartz.JobKey;
import org.quartz.TriggerKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The subscription renewal: a {@link RepeatingJob} every {@code renew-interval}, on one replica at a time. Stored even
 * without any public URL: a pass then only checks the mappings (a tenant may name its own URL, and a tenant that lost
 * its URL has its subscriptions deleted).
 */
@Configuration(proxyBeanMethods = false)
class SubscriptionSchedule {

    static final JobKey JOB = JobKey.jobKey("graph-subscriptions", "notifications");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("graph-subscriptions", "notifications");

    @Bean
    RepeatingJob subscriptionRenewal(NotificationProperties properties) {
        return new RepeatingJob(SubscriptionRenewalJob.class, JOB, TRIGGER, properties.renewInterval(), "creates and renews Graph change-notification subscriptions");
    }
}
