package io.entrasync.alert;

import java.util.List;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The clustered Quartz job of alerts: its trigger fires on one replica at a time (JDBC job store) and never twice at
 * once ({@link DisallowConcurrentExecution}). Each fire reads every tenant's facts once, for both the evaluation of
 * the conditions and this replica's gauges (which then skip their own read), then delivers the due alerts; a failed
 * read or evaluation is logged and still lets the earlier alerts go out.
 */
@Component
@DisallowConcurrentExecution
class AlertJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(AlertJob.class);

    private final TenantFactsReader facts;
    private final AlertEvaluator evaluator;
    private final TenantStateGauges gauges;
    private final AlertDelivery delivery;

    AlertJob(TenantFactsReader facts, AlertEvaluator evaluator, TenantStateGauges gauges, AlertDelivery delivery) {
        this.facts = facts;
        this.evaluator = evaluator;
        this.gauges = gauges;
        this.delivery = delivery;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            List<TenantFacts> tenants = facts.read();
            gauges.show(tenants);
            evaluator.evaluate(tenants);
        } catch (RuntimeException e) {
            log.warn("alert evaluation failed, retried on the next fire: {}", e.toString());
        }
        AlertDelivery.Pass pass = delivery.deliverDue();
        if (pass.sent() + pass.retrying() + pass.failed() > 0) {
            log.info("alerts delivered: sent={} retrying={} failed={}", pass.sent(), pass.retrying(), pass.failed());
        }
    }
}
