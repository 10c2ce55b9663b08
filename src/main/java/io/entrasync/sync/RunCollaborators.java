package io.entrasync.sync;

import io.entrasync.directory.DirectoryStore;
import io.entrasync.mapping.MappingEngine;
import io.entrasync.mirror.DirectoryMirror;
import io.entrasync.reconcile.Reconciler;
import io.entrasync.source.DirectorySource;
import org.springframework.jdbc.core.JdbcTemplate;

/** What one run works with; bundled so a {@link RunExecution} is a plain object made per run. */
record RunCollaborators(DirectorySource source, DirectoryMirror mirror, DirectoryStore store, ChangeLog changeLog,
                        MainSiteUsers mainSiteUsers, MappingEngine engine, Reconciler reconciler, SyncRuns runs,
                        JdbcTemplate jdbc, TableStatistics statistics, TenantHolds holds,
                        AppliedMappings appliedMappings) {
}
