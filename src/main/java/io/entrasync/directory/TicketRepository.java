package io.entrasync.directory;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Tickets; read and created only. */
public interface TicketRepository extends JpaRepository<Ticket, Long> {

    List<Ticket> findByUserIdOrderByIdAsc(Long userId);
}
