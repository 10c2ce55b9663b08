package io.entrasync.directory;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The kept inbound messages. */
public interface InboundEmailRepository extends JpaRepository<InboundEmail, Long> {

    Page<InboundEmail> findByOutcome(InboundOutcome outcome, Pageable pageable);

    /** The message, locked for the rest of the transaction: two admins assigning it at once do it once. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select m from InboundEmail m where m.id = :id")
    Optional<InboundEmail> findForUpdate(@Param("id") long id);
}
