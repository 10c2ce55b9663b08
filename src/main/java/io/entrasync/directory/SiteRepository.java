package io.entrasync.directory;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Sites by id, by case-insensitive name within one owner (a tenant, or the manual sites) and by email domain. */
public interface SiteRepository extends JpaRepository<Site, Long> {

    /** The site named {@code nameKey} ({@link Site#key}) of the owner ({@link Site#ownerKey}). */
    Optional<Site> findByOwnerKeyAndNameKey(String ownerKey, String nameKey);

    /** The manual site (created by an admin or an import) of that name key. */
    default Optional<Site> findManual(String nameKey) {
        return findByOwnerKeyAndNameKey(Site.MANUAL, nameKey);
    }

    @Query("select s from Site s join s.emailDomains d where d = :domain")
    Optional<Site> findByEmailDomain(@Param("domain") String domain);

    List<Site> findAllByOrderByNameAsc();
}
