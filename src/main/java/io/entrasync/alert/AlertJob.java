package io.entrasync.alert;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The clustered Quartz job of alerts: its trigger fires on one replica at a time (JDBC job store) and never twice at
 * once ({@link DisallowConcurrentExecution}). Each fire evaluates every tenant's conditions, then delivers the due
 * alerts; a failed evaluation is logged and still lets the earlier alerts go out.
 */
@Component
@DisallowConcurrentExecution
class AlertJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(AlertJob.class);

    private final AlertEvaluator evaluator;
    private final AlertDelivery delivery;

    AlertJob(AlertEvaluator evaluator, AlertDelivery delivery) {
        this.evaluator = evaluator;
        this.delivery = delivery;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            evaluator.evaluate();
        } catch (RuntimeException e) {
            log.warn("alert evaluation failed, retried on the next fire: {}", e.toString());
        }
        AlertDelivery.Pass pass = delivery.deliverDue();
        if (pass.sent() + pass.retrying() + pass.failed() > 0) {
            log.info("alerts delivered: sent={} retrying={} failed={}", pass.sent(), pass.retrying(), pass.failed());
        }
    }
}
