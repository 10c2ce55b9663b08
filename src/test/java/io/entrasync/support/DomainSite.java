package io.entrasync.support;

import java.util.Locale;
import java.util.UUID;

/**
 * A site of its own for one test, named {@code "<word> <tag>"} with the mail domain {@code <word>-<tag>.org}: tests
 * that share one Spring context (and database) neither see each other's senders nor collide on site names. Created
 * with the inbound-mail settings every such test starts from, which {@link #resetInboundSettings} restores.
 *
 * @param tag    8 random characters, unique per test
 * @param domain the site's mail domain
 * @param id     the site's id
 */
public record DomainSite(String tag, String domain, long id) {

    public static DomainSite create(ApiClient api, String word) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String domain = word.toLowerCase(Locale.ROOT) + "-" + tag + ".org";
        var site = api.post("/api/sites", "{\"name\":\"" + word + " " + tag + "\",\"emailDomains\":[\"" + domain + "\"]}");
        if (site.status() != 201) {
            throw new IllegalStateException("site not created: " + site.status() + " " + site.body());
        }
        resetInboundSettings(api);
        return new DomainSite(tag, domain, site.json().get("id").asLong());
    }

    /** Unknown senders become WEAK accounts, and no default site takes mail of an unknown domain. */
    public static void resetInboundSettings(ApiClient api) {
        api.put("/api/settings", "{\"autoCreateUsersFromEmail\":true,\"defaultSiteId\":null}");
    }
}
