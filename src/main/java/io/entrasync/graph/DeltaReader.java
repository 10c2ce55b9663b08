package io.entrasync.graph;

import io.entrasync.source.DeltaOutcome;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one delta stream page by page: from the saved deltaLink or from the first URL, through every
 * {@code @odata.nextLink}, until a page carries {@code @odata.deltaLink}. Each page goes to the consumer before
 * the next one is requested.
 */
final class DeltaReader {

    /** The resync reason of a stored deltaLink made with another {@code $select} list. */
    static final String SELECT_CHANGED = "selectChanged";
    private static final Logger log = LoggerFactory.getLogger(DeltaReader.class);

    private final TenantClients clients;
    private final RetryingFetcher fetcher;

    DeltaReader(TenantClients clients, RetryingFetcher fetcher) {
        this.clients = clients;
        this.fetcher = fetcher;
    }

    /**
     * @param firstPage path and query below {@code /v1.0} for a read from scratch, e.g. {@code /users/delta?...}
     * @param select    the {@code $select} list of {@code firstPage}: a stored deltaLink made with another list is
     *                  answered {@link DeltaOutcome.ResyncRequired} ({@code selectChanged}) without asking Graph
     */
    <P> DeltaOutcome read(TenantConnection tenant, String deltaLink, boolean priorityLow, String firstPage,
            SelectFingerprint select, Function<InputStream, ParsedPage<P>> parser, Consumer<P> consumer) {
        if (deltaLink != null && !select.matches(deltaLink)) {
            log.info("tenant {}: the stored deltaLink was made with another $select list than {}; reading from "
                    + "scratch", tenant.tenantKey(), firstPage.substring(0, firstPage.indexOf('?')));
            return new DeltaOutcome.ResyncRequired(SELECT_CHANGED, DeltaOutcome.ReadStats.NONE);
        }
        TenantClient client = clients.forTenant(tenant);
        String url = deltaLink != null ? SelectFingerprint.strip(deltaLink) : client.graphBaseUrl() + firstPage;
        ReadCounter counter = new ReadCounter();
        ThrottleBudget budget = fetcher.budget();
        while (true) {
            ParsedPage<P> page;
            try {
                page = fetcher.get(tenant.tenantKey(), client, url, priorityLow, counter, budget, parser);
            } catch (ResyncRequiredSignal resync) {
                log.info("tenant {}: Graph asks for a full resync ({})", tenant.tenantKey(), resync.graphCode());
                return new DeltaOutcome.ResyncRequired(resync.graphCode(), counter.stats());
            }
            counter.page();
            consumer.accept(page.page());
            if (page.deltaLink() != null) {
                return new DeltaOutcome.Completed(select.tag(page.deltaLink()), counter.stats());
            }
            if (page.nextLink() == null) {
                throw new DirectorySourceException(tenant.tenantKey(), 200, "malformed_response", "tenant '"
                        + tenant.tenantKey() + "': a delta page had neither @odata.nextLink nor @odata.deltaLink", null);
            }
            url = page.nextLink();
        }
    }
}
