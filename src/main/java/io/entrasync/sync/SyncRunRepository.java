package io.entrasync.sync;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Run history. */
public interface SyncRunRepository extends JpaRepository<SyncRun, Long> {

    List<SyncRun> findByTenantOrderByIdDesc(String tenant, Pageable page);

    List<SyncRun> findAllByOrderByIdDesc(Pageable page);

    Optional<SyncRun> findFirstByTenantOrderByIdDesc(String tenant);

    List<SyncRun> findByStatusOrderByIdDesc(RunStatus status, Pageable page);

    List<SyncRun> findByTenantAndStatusOrderByIdDesc(String tenant, RunStatus status, Pageable page);

    Optional<SyncRun> findFirstByApprovesRunId(Long approvesRunId);

    boolean existsByTenantAndIdGreaterThanAndStatusAndDryRunFalse(String tenant, Long id, RunStatus status);

    /** True when a run of the scheduled fire due at {@code firedAt} was already queued. */
    boolean existsByTenantAndFiredAt(String tenant, java.time.Instant firedAt);
}
