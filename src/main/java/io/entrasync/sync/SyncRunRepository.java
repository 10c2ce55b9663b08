package io.entrasync.sync;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Run history. */
public interface SyncRunRepository extends JpaRepository<SyncRun, Long> {

    List<SyncRun> findByTenantOrderByIdDesc(String tenant, Pageable page);

    List<SyncRun> findAllByOrderByIdDesc(Pageable page);

    Optional<SyncRun> findFirstByTenantOrderByIdDesc(String tenant);

    /** The newest run of every tenant (one statement: see {@link FleetRuns}). */
    @Query("select r from SyncRun r where r.id in (select max(l.id) from SyncRun l group by l.tenant)")
    List<SyncRun> findLatestOfEachTenant();

    List<SyncRun> findByStatusOrderByIdDesc(RunStatus status, Pageable page);

    List<SyncRun> findByTenantAndStatusOrderByIdDesc(String tenant, RunStatus status, Pageable page);

    Optional<SyncRun> findFirstByApprovesRunId(Long approvesRunId);

    boolean existsByTenantAndIdGreaterThanAndStatusAndDryRunFalse(String tenant, Long id, RunStatus status);

    /** True when a run of the scheduled fire due at {@code firedAt} was already queued. */
    boolean existsByTenantAndFiredAt(String tenant, java.time.Instant firedAt);
}
