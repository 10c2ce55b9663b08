package io.entrasync.notify;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The clustered Quartz job that keeps subscriptions alive: its trigger fires on one replica of the cluster at a time
 * (JDBC job store), and never twice at once ({@link DisallowConcurrentExecution}), so each subscription is renewed
 * once however many replicas run.
 */
@Component
@DisallowConcurrentExecution
class SubscriptionRenewalJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRenewalJob.class);

    private final SubscriptionManager manager;

    SubscriptionRenewalJob(SubscriptionManager manager) {
        this.manager = manager;
    }

    @Override
    public void execute(JobExecutionContext context) {
        SubscriptionManager.Pass pass = manager.maintain();
        if (pass.created() + pass.renewed() + pass.recreated() + pass.deleted() + pass.failed() > 0) {
            log.info("graph subscriptions: created={} renewed={} recreated={} deleted={} failed={}", pass.created(),
                    pass.renewed(), pass.recreated(), pass.deleted(), pass.failed());
        }
    }
}
