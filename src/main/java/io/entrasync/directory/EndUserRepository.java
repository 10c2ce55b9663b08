package io.entrasync.directory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** End users by id, email and directory identity. */
public interface EndUserRepository extends JpaRepository<EndUser, Long>, JpaSpecificationExecutor<EndUser> {

    Optional<EndUser> findByEmailKey(String emailKey);

    List<EndUser> findByEmailKeyIn(Collection<String> emailKeys);

    /** The site's main users (at most one, unless older data holds more). */
    List<EndUser> findBySiteIdAndMainSiteUserTrue(Long siteId);

    /** Clears the main-site-user flag of every other user of the site (at most one main user per site). */
    @Modifying(flushAutomatically = true, clearAutomatically = false)
    @Query("update EndUser u set u.mainSiteUser = false where u.site.id = :siteId and u.mainSiteUser = true and u.id <> :keepId")
    int clearMainSiteUser(@Param("siteId") Long siteId, @Param("keepId") Long keepId);
}
