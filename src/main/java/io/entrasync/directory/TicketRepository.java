package io.entrasync.directory;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Tickets; read and created only. */
public interface TicketRepository extends JpaRepository<Ticket, Long> {

    List<Ticket> findByUserIdOrderByIdAsc(Long userId);

    /** Per user of {@code userIds} with tickets: its tickets, and those not yet resolved (one query for a page). */
    interface Counts {
        Long getUserId();

        long getTotal();

        long getOpen();
    }

    @Query("select t.user.id as userId, count(t) as total, sum(case when t.status in "
            + "(io.entrasync.directory.TicketStatus.RESOLVED, io.entrasync.directory.TicketStatus.CLOSED) then 0 "
            + "else 1 end) as open from Ticket t where t.user.id in :userIds group by t.user.id")
    List<Counts> countByUser(Collection<Long> userIds);
}
