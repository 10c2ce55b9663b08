package io.entrasync.retention;

import io.entrasync.auth.AuditProperties;
import java.time.Clock;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The clustered Quartz job of history retention: its trigger fires on one replica at a time (JDBC job store) and
 * never twice at once ({@link DisallowConcurrentExecution}). Each pass logs its counts at INFO when it deleted
 * anything.
 */
@Component
@DisallowConcurrentExecution
class RetentionJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final HistoryPurge purge;
    private final RetentionProperties properties;
    private final AuditProperties audit;
    private final Clock clock = Clock.systemUTC();

    RetentionJob(HistoryPurge purge, RetentionProperties properties, AuditProperties audit) {
        this.purge = purge;
        this.properties = properties;
        this.audit = audit;
    }

    @Override
    public void execute(JobExecutionContext context) {
        long started = System.nanoTime();
        try {
            HistoryPurge.Purged purged = purge.purge(clock.instant(), properties, audit.retention(),
                    properties.limits());
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (purged.total() > 0) {
                log.info("history purged in {} ms: quiet runs={} (older than {}), runs with changes={} and their "
                        + "changes={} (older than {}), inbound mail={} (older than {}), alerts={} (older than {}), "
                        + "audit events={} and connect requests={} (older than {})", millis,
                        purged.quietRuns(), properties.quietRuns(), purged.changeRuns(), purged.changes(),
                        properties.changeRuns(), purged.inboundEmails(), properties.inboundEmail(), purged.alerts(),
                        properties.alerts(), purged.auditEvents(), purged.connectRequests(), audit.retention());
            } else {
                log.debug("history purge: nothing to delete ({} ms)", millis);
            }
        } catch (RuntimeException e) {
            log.warn("history purge failed, retried on the next pass: {}", e.toString());
        }
    }
}
