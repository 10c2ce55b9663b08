package io.entrasync.sync;

import io.entrasync.auth.Caller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code hold_decision} rows: who approved, rejected or released what, kept after the hold has ended so a run
 * can always say who approved it. Each write commits on its own. One person approves a plan once (a unique key, so
 * two approvals by the same person at the same moment cannot both count).
 */
@Component
public class HoldDecisions {

    private final JdbcTemplate jdbc;

    HoldDecisions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a decision; answers false, writing nothing, when this actor already made it on this plan. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean record(String tenant, long runId, HoldDecision.Kind kind, Caller actor) {
        Caller stored = actor.storable();
        try {
            return jdbc.update("insert into hold_decision (tenant, run_id, decision, actor_kind, actor_id, actor_name, "
                    + "decided_at) values (?, ?, ?, ?, ?, ?, ?)", tenant, runId, kind.name(), actor.kind().wire(),
                    stored.id(), stored.name() == null ? stored.id() : stored.name(),
                    Timestamp.from(Instant.now())) == 1;
        } catch (DuplicateKeyException sameMoment) {
            return false;
        }
    }

    /** Takes back an approval whose run could not be queued (so the approver can approve again). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void withdraw(long runId, Caller actor) {
        jdbc.update("delete from hold_decision where run_id = ? and decision = 'APPROVE' and actor_kind = ? "
                + "and actor_id = ?", runId, actor.kind().wire(), actor.storable().id());
    }

    /** The decisions on one plan, oldest first. */
    public List<HoldDecision> of(long runId) {
        return jdbc.query("select * from hold_decision where run_id = ? order by id", HoldDecisions::row, runId);
    }

    /** The decisions on the plans of a hold (its runs), oldest first. */
    public List<HoldDecision> ofHold(TenantHold hold) {
        return jdbc.query("select * from hold_decision where tenant = ? and run_id between ? and ? order by id",
                HoldDecisions::row, hold.tenant(), hold.firstRunId(), hold.latestRunId());
    }

    /** The decisions on the plans of each hold given, by tenant (one query for a page of tenants). */
    public Map<String, List<HoldDecision>> ofHolds(Collection<TenantHold> holds) {
        if (holds.isEmpty()) {
            return Map.of();
        }
        Map<String, TenantHold> byTenant = holds.stream().collect(Collectors.toMap(TenantHold::tenant, h -> h,
                (a, b) -> a));
        String marks = byTenant.keySet().stream().map(t -> "?").collect(Collectors.joining(", "));
        return jdbc.query("select * from hold_decision where tenant in (" + marks + ") order by id",
                        HoldDecisions::row, byTenant.keySet().toArray()).stream()
                .filter(d -> byTenant.get(d.tenant()).covers(d.runId()))
                .collect(Collectors.groupingBy(HoldDecision::tenant));
    }

    /** The decisions on any of the runs given, by run id (one query for a run list). */
    public Map<Long, List<HoldDecision>> ofRuns(Collection<Long> runIds) {
        if (runIds.isEmpty()) {
            return Map.of();
        }
        List<Object> args = new ArrayList<>(runIds);
        String marks = runIds.stream().map(id -> "?").collect(Collectors.joining(", "));
        return jdbc.query("select * from hold_decision where run_id in (" + marks + ") order by id",
                HoldDecisions::row, args.toArray()).stream().collect(Collectors.groupingBy(HoldDecision::runId));
    }


    private static HoldDecision row(ResultSet rs, int n) throws SQLException {
        return new HoldDecision(rs.getString("tenant"), rs.getLong("run_id"),
                HoldDecision.Kind.valueOf(rs.getString("decision")),
                new Caller(Caller.Kind.ofWire(rs.getString("actor_kind")), rs.getString("actor_id"),
                        rs.getString("actor_name")), rs.getTimestamp("decided_at").toInstant());
    }
}
