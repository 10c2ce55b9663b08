package io.entrasync.directory;

import io.entrasync.problem.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the helpdesk-wide settings. */
@Service
public class SettingsService {

    private final SettingsRepository settings;
    private final SiteRepository sites;

    SettingsService(SettingsRepository settings, SiteRepository sites) {
        this.settings = settings;
        this.sites = sites;
    }

    @Transactional(readOnly = true)
    public HelpdeskSettings current() {
        return settings.findById(HelpdeskSettings.SINGLETON_ID)
                .orElseThrow(() -> new IllegalStateException("helpdesk_settings row 1 is missing; check migrations"));
    }

    @Transactional
    public HelpdeskSettings change(boolean autoCreateUsersFromEmail, Long defaultSiteId) {
        if (defaultSiteId != null && !sites.existsById(defaultSiteId)) {
            throw new InvalidInputException("defaultSiteId", "site " + defaultSiteId + " does not exist");
        }
        HelpdeskSettings current = current();
        current.change(autoCreateUsersFromEmail, defaultSiteId);
        return settings.save(current);
    }
}
