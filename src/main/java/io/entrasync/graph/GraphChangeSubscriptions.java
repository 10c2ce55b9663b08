package io.entrasync.graph;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import io.entrasync.source.ChangeSubscriptions;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * {@link ChangeSubscriptions} through the Graph SDK's {@code subscriptions} request builders, on the tenant's shared
 * {@link TenantClients} entry (one token cache and HTTP client per tenant for delta reads and subscriptions alike).
 * Every failure becomes a {@link DirectorySourceException}: Kiota wraps network faults in a plain RuntimeException,
 * which must not escape and end a renewal pass for the tenants after this one.
 */
@Component
class GraphChangeSubscriptions implements ChangeSubscriptions {

    /** Graph's quota is 100 subscriptions of users and groups per app and tenant: a few pages at most. */
    private static final int MAX_LIST_PAGES = 20;

    private final TenantClients clients;

    GraphChangeSubscriptions(TenantClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<Found> find(TenantConnection tenant, String subscriptionId) {
        String call = "GET /subscriptions/" + subscriptionId;
        try {
            Subscription found = call(tenant, call, () -> clients.forTenant(tenant).graph().subscriptions()
                    .bySubscriptionId(subscriptionId).get());
            if (found == null) {
                return Optional.empty();
            }
            return Optional.of(found(found));
        } catch (DirectorySourceException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public java.util.List<Found> list(TenantConnection tenant) {
        java.util.List<Found> all = new java.util.ArrayList<>();
        com.microsoft.graph.models.SubscriptionCollectionResponse page = call(tenant, "GET /subscriptions",
                () -> clients.forTenant(tenant).graph().subscriptions().get());
        int pages = 0;
        while (page != null && pages++ < MAX_LIST_PAGES) {
            if (page.getValue() != null) {
                page.getValue().stream().filter(s -> s.getId() != null).map(GraphChangeSubscriptions::found)
                        .forEach(all::add);
            }
            String next = page.getOdataNextLink();
            if (next == null) {
                break;
            }
            page = call(tenant, "GET /subscriptions (next page)", () -> clients.forTenant(tenant).graph()
                    .subscriptions().withUrl(next).get());
        }
        return all;
    }

    private static Found found(Subscription s) {
        return new Found(s.getId(), s.getResource(), s.getExpirationDateTime() == null ? null
                : s.getExpirationDateTime().toInstant(), s.getNotificationUrl());
    }

    @Override
    public Created create(TenantConnection tenant, Request request) {
        Subscription wanted = new Subscription();
        wanted.setResource(request.resource());
        wanted.setChangeType(request.changeType());
        wanted.setNotificationUrl(request.notificationUrl());
        wanted.setLifecycleNotificationUrl(request.lifecycleNotificationUrl());
        wanted.setClientState(request.clientState());
        wanted.setExpirationDateTime(OffsetDateTime.ofInstant(request.expiresAt(), ZoneOffset.UTC));
        String call = "POST /subscriptions (" + request.resource() + ")";
        Subscription created = call(tenant, call, () -> clients.forTenant(tenant).graph().subscriptions().post(wanted));
        if (created == null || created.getId() == null) {
            throw new DirectorySourceException(tenant.tenantKey(), 0, null, "tenant '" + tenant.tenantKey()
                    + "': " + call + " answered no subscription id", null);
        }
        return new Created(created.getId(), expiry(created, request.expiresAt()));
    }

    @Override
    public Instant renew(TenantConnection tenant, String subscriptionId, Instant expiresAt) {
        Subscription patch = new Subscription();
        patch.setExpirationDateTime(OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
        Subscription renewed = call(tenant, "PATCH /subscriptions/" + subscriptionId, () -> clients.forTenant(tenant)
                .graph().subscriptions().bySubscriptionId(subscriptionId).patch(patch));
        return renewed == null ? expiresAt : expiry(renewed, expiresAt);
    }

    @Override
    public void delete(TenantConnection tenant, String subscriptionId) {
        try {
            call(tenant, "DELETE /subscriptions/" + subscriptionId, () -> {
                clients.forTenant(tenant).graph().subscriptions().bySubscriptionId(subscriptionId).delete();
                return null;
            });
        } catch (DirectorySourceException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** Runs one SDK call; whatever it throws comes out as a DirectorySourceException naming the call. */
    private static <T> T call(TenantConnection tenant, String call, Supplier<T> request) {
        try {
            return request.get();
        } catch (ApiException e) {
            throw translate(tenant, call, e);
        } catch (DirectorySourceException e) {
            throw e;
        } catch (RuntimeException e) {
            DirectorySourceException inner = inChain(e);
            if (inner != null) {
                throw inner;
            }
            NetworkFailure network = NetworkFailure.of(e).orElse(new NetworkFailure(NetworkFailure.NETWORK,
                    "the request failed without an answer"));
            throw new DirectorySourceException(tenant.tenantKey(), 0, network.code(), "tenant '" + tenant.tenantKey()
                    + "': " + call + " failed: " + network.detail(), e);
        }
    }

    /** The token provider's own failure, wrapped by Kiota on its way out. */
    private static DirectorySourceException inChain(Throwable failure) {
        for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof DirectorySourceException d) {
                return d;
            }
        }
        return null;
    }

    private static Instant expiry(Subscription answer, Instant asked) {
        return answer.getExpirationDateTime() == null ? asked : answer.getExpirationDateTime().toInstant();
    }

    /** Graph's status and error code, with what a 403 on subscriptions usually means (its message rarely says). */
    private static DirectorySourceException translate(TenantConnection tenant, String call, ApiException e) {
        int status = e.getResponseStatusCode();
        String code = e instanceof ODataError odata && odata.getError() != null ? odata.getError().getCode() : null;
        String hint = status == 403 ? ": the app registration lacks User.Read.All / Group.Read.All, or the tenant "
                + "reached Graph's quota of subscriptions per app and tenant (100 for users and groups)"
                : status == 400 ? ": Graph refused the request, e.g. the notification URL failed its validation "
                + "handshake or is not https" : "";
        return new DirectorySourceException(tenant.tenantKey(), status, code, "tenant '" + tenant.tenantKey() + "': "
                + call + " answered HTTP " + status + (code == null ? "" : " (" + code + ")") + hint, e);
    }
}
