package io.entrasync.directory;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Sites by id, by case-insensitive name and by configured email domain. */
public interface SiteRepository extends JpaRepository<Site, Long> {

    Optional<Site> findByNameKey(String nameKey);

    @Query("select s from Site s join s.emailDomains d where d = :domain")
    Optional<Site> findByEmailDomain(@Param("domain") String domain);

    List<Site> findAllByOrderByNameAsc();
}
