package io.entrasync.directory;

import org.springframework.data.jpa.repository.JpaRepository;

/** The single settings row. */
interface SettingsRepository extends JpaRepository<HelpdeskSettings, Integer> {
}
