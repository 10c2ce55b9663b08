package io.entrasync.directory;

import io.entrasync.edits.EntityEdited;
import io.entrasync.problem.InvalidInputException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the helpdesk-wide settings. */
@Service
public class SettingsService {

    private final SettingsRepository settings;
    private final SiteRepository sites;
    private final ApplicationEventPublisher events;

    SettingsService(SettingsRepository settings, SiteRepository sites, ApplicationEventPublisher events) {
        this.settings = settings;
        this.sites = sites;
        this.events = events;
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
        var before = EditSnapshots.settings(current);
        current.change(autoCreateUsersFromEmail, defaultSiteId);
        HelpdeskSettings saved = settings.save(current);
        events.publishEvent(EntityEdited.between("settings", before, EditSnapshots.settings(saved)));
        return saved;
    }
}
