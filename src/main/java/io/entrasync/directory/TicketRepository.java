package io.entrasync.directory;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Tickets; read and created only. */
public interface TicketRepository extends JpaRepository<Ticket, Long> {

    List<Ticket> findByUserIdOrderByIdAsc(Long userId);

    long countByUserId(Long userId);

    @Query("select count(t) from Ticket t where t.user.id = :userId and t.status not in (io.entrasync.directory.TicketStatus.RESOLVED, io.entrasync.directory.TicketStatus.CLOSED)")
    long countOpenByUserId(@Param("userId") Long userId);
}
