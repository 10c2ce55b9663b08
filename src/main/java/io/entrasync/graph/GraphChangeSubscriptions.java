package io.entrasync.graph;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import io.entrasync.source.ChangeSubscriptions;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * {@link ChangeSubscriptions} through the Graph SDK's {@code subscriptions} request builders. Uses its own
 * {@link TenantClients} (token cache and HTTP clients of the subscription calls, a few per tenant and day) so the
 * delta reader's wiring stays as it is.
 */
@Component
class GraphChangeSubscriptions implements ChangeSubscriptions {

    private final TenantClients clients;

    GraphChangeSubscriptions(GraphProperties properties, TlsTrust tlsTrust) {
        this.clients = new TenantClients(properties, tlsTrust, new CredentialLoader(System::getenv), Clock.systemUTC());
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
        try {
            Subscription created = clients.forTenant(tenant).graph().subscriptions().post(wanted);
            if (created == null || created.getId() == null) {
                throw new DirectorySourceException(tenant.tenantKey(), 0, null, "tenant '" + tenant.tenantKey()
                        + "': POST /subscriptions (" + request.resource() + ") answered no subscription id", null);
            }
            return new Created(created.getId(), expiry(created, request.expiresAt()));
        } catch (ApiException e) {
            throw translate(tenant, "POST /subscriptions (" + request.resource() + ")", e);
        }
    }

    @Override
    public Instant renew(TenantConnection tenant, String subscriptionId, Instant expiresAt) {
        Subscription patch = new Subscription();
        patch.setExpirationDateTime(OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
        try {
            Subscription renewed = clients.forTenant(tenant).graph().subscriptions().bySubscriptionId(subscriptionId)
                    .patch(patch);
            return renewed == null ? expiresAt : expiry(renewed, expiresAt);
        } catch (ApiException e) {
            throw translate(tenant, "PATCH /subscriptions/" + subscriptionId, e);
        }
    }

    @Override
    public void delete(TenantConnection tenant, String subscriptionId) {
        try {
            clients.forTenant(tenant).graph().subscriptions().bySubscriptionId(subscriptionId).delete();
        } catch (ApiException e) {
            if (e.getResponseStatusCode() != 404) {
                throw translate(tenant, "DELETE /subscriptions/" + subscriptionId, e);
            }
        }
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
