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

    Optional<SyncRun> findFirstByTenantAndStatusAndDryRunFalseOrderByIdDesc(String tenant, RunStatus status);
}
