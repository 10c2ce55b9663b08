package io.entrasync.directory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** End users by id, email and directory identity. */
public interface EndUserRepository extends JpaRepository<EndUser, Long>, JpaSpecificationExecutor<EndUser> {

    Optional<EndUser> findByEmailKey(String emailKey);

    List<EndUser> findByEmailKeyIn(Collection<String> emailKeys);

    /** The site's main users (at most one, unless older data holds more). */
    List<EndUser> findBySiteIdAndMainSiteUserTrue(Long siteId);
}
