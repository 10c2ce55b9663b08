package io.entrasync.simulator;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Microsoft Graph and Entra ID token endpoint simulator on the JDK's HTTPS server, bound to the loopback
 * interface: {@code POST /{tenantId}/oauth2/v2.0/token}, the demo sign-in under {@code /demo-oidc}
 * ({@link DemoOidcProvider}), the MSP app's admin consent for customer tenants ({@link #registerMspApp},
 * {@link #registerCustomer}, {@link AdminConsent}), {@code GET /v1.0/organization}, {@code GET /v1.0/users/delta},
 * {@code GET /v1.0/groups/delta} and {@code GET /v1.0/users/{id}} for any number of registered tenants, each
 * with a generated, deterministic directory that can be changed ({@link #apply}) between delta rounds.
 * Thread-safe. {@link #close()} stops it.
 */
public final class GraphSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GraphSimulator.class);

    static {
        // The JDK server leaves Nagle's algorithm on by default, which stalls each page on delayed ACKs.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimulatorSettings settings;
    private final Map<String, TenantRegistration> registrations = new ConcurrentHashMap<>();
    private final Map<String, TenantDirectory> directories = new ConcurrentHashMap<>();
    private final KeyStore keyStore;
    private final KeyStore trustStore;
    private final HttpsServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService drift;
    private final AtomicLong driftRounds = new AtomicLong();
    private final SimSubscriptions subscriptions = new SimSubscriptions();
    private final SubscriptionEndpoint subscriptionEndpoint = new SubscriptionEndpoint(subscriptions);
    private final Map<String, SimOrganization> organizations = new ConcurrentHashMap<>();
    private final List<CustomerTenant> customers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile MspAppRegistration mspApp;
    private final AdminConsent adminConsent = new AdminConsent(Clock.systemUTC(), () -> mspApp, () -> customers);
    private DemoOidcProvider demoSignIn;

    private GraphSimulator(SimulatorSettings settings) {
        this.settings = settings;
        this.keyStore = SimulatorKeystore.loadOrCreate(settings.keystoreDirectory());
        this.trustStore = SimulatorKeystore.trustStoreOf(keyStore);
        AccessTokens tokens = new AccessTokens(Clock.systemUTC());
        SimulatorHandler handler = new SimulatorHandler(this, new TokenEndpoint(registrations::get, tokens,
                Clock.systemUTC(), adminConsent::servicePrincipalMissing), tokens);
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(sslContext(keyStore)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + settings.port(), e);
        }
        workers = Executors.newFixedThreadPool(settings.threads(), daemonThreads("graph-simulator"));
        server.setExecutor(workers);
        server.createContext("/", handler);
        server.start();
        if (settings.driftEvery().isZero()) {
            drift = null;
        } else {
            drift = Executors.newSingleThreadScheduledExecutor(daemonThreads("graph-simulator-drift"));
            long millis = settings.driftEvery().toMillis();
            drift.scheduleWithFixedDelay(this::driftAll, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Runs the simulator on its own until the process is stopped; {@code --help} style usage in
     * {@link SimulatorCommandLine#USAGE}, e.g. {@code --port 8443 --tenants 1000 --users 200 --latency-ms 20}.
     */
    public static void main(String[] args) throws InterruptedException {
        try {
            SimulatorCommandLine.run(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** Starts a simulator with no tenants; register them with {@link #register}. */
    public static GraphSimulator start(SimulatorSettings settings) {
        return new GraphSimulator(settings);
    }

    /** Generates a tenant's directory and accepts its credentials; replaces an earlier tenant of that id. */
    public TenantDirectory register(TenantRegistration registration, DirectoryShape shape) {
        TenantDirectory directory = new TenantDirectory(registration.tenantId(), shape);
        directories.put(registration.tenantId(), directory);
        registrations.put(registration.tenantId(), registration);
        return directory;
    }

    /**
     * Registers the MSP's multi-tenant app: customer admins consent to it on {@code /organizations/v2.0/adminconsent}.
     * Register it before its customers ({@link #registerCustomer}).
     */
    public void registerMspApp(MspAppRegistration app) {
        this.mspApp = java.util.Objects.requireNonNull(app, "app");
    }

    /**
     * Generates a customer tenant reached with the MSP app only: its token endpoint answers AADSTS7000229 (no service
     * principal) until its admin consents and for the app's propagation delay after.
     *
     * @throws IllegalStateException when no MSP app is registered
     */
    public TenantDirectory registerCustomer(CustomerTenant customer) {
        MspAppRegistration app = mspApp;
        if (app == null) {
            throw new IllegalStateException("register the MSP app before customer tenant " + customer.tenantId());
        }
        TenantDirectory directory = register(TenantRegistration.withSecret(customer.tenantId(), app.clientId(),
                app.clientSecret()), customer.shape());
        organizations.put(customer.tenantId(), customer.organization());
        customers.removeIf(c -> c.tenantId().equals(customer.tenantId()));
        customers.add(customer);
        return directory;
    }

    /** The customer tenants, in registration order. */
    public List<CustomerTenant> customers() {
        return List.copyOf(customers);
    }

    /** Consents for the customer as its admin's Accept on the consent page does (starts the propagation delay). */
    public void consent(String tenantId) {
        adminConsent.consent(tenantId);
    }

    /** Whether the customer's admin has consented to the MSP app. */
    public boolean consented(String tenantId) {
        return adminConsent.consented(tenantId);
    }

    /** Sets what {@code GET /v1.0/organization} answers for a tenant (display name, verified domains). */
    public void organization(String tenantId, SimOrganization organization) {
        organizations.put(tenantId, java.util.Objects.requireNonNull(organization, "organization"));
    }

    /** The tenant's organization; a tenant registered without one is named after its domain. */
    public SimOrganization organization(String tenantId) {
        TenantDirectory directory = directories.get(tenantId);
        if (directory == null) {
            return null;
        }
        return organizations.computeIfAbsent(tenantId, id -> SimOrganization.of(directory.shape().domain(),
                directory.shape().domain()));
    }

    AdminConsent adminConsent() {
        return adminConsent;
    }

    /** The tenant's directory, or null if no such tenant is registered. */
    public TenantDirectory directory(String tenantId) {
        return directories.get(tenantId);
    }

    public int tenantCount() {
        return directories.size();
    }

    /** Applies {@code plan} to the tenant as one new version. */
    public AppliedChanges apply(String tenantId, ChangePlan plan, Random random) {
        TenantDirectory directory = directories.get(tenantId);
        if (directory == null) {
            throw new IllegalArgumentException("no simulated tenant " + tenantId);
        }
        return notifying(directory, DirectoryMutator.apply(directory, plan, random));
    }

    /** POSTs change notifications for what a batch changed to the tenant's subscriptions (unless dropping). */
    private AppliedChanges notifying(TenantDirectory directory, AppliedChanges applied) {
        List<String> users = applied.changes().stream().map(AppliedChanges.Change::userId).filter(Objects::nonNull)
                .distinct().toList();
        List<String> groups = applied.changes().stream().flatMap(c -> Stream.of(c.fromGroupId(), c.toGroupId()))
                .filter(Objects::nonNull).distinct().toList();
        subscriptions.changed(directory.tenantId, "users", users);
        subscriptions.changed(directory.tenantId, "groups", groups);
        return applied;
    }

    /** From now on, changes send no notifications ({@code true}) or send them again ({@code false}). */
    public void dropNotifications(boolean drop) {
        subscriptions.dropNotifications(drop);
    }

    /** The ids of the tenant's subscriptions, as {@code resource -> id}. */
    public Map<String, String> subscriptions(String tenantId) {
        Map<String, String> ids = new java.util.TreeMap<>();
        subscriptions.ofTenant(tenantId).forEach(s -> ids.put(s.resource(), s.id()));
        return ids;
    }

    /**
     * Sends a lifecycle notification; for users and groups Graph sends only {@code reauthorizationRequired}, so any
     * other event is refused (IllegalArgumentException).
     */
    public void sendLifecycle(String subscriptionId, String event) {
        subscriptions.lifecycle(subscriptionId, event);
    }

    /** How many subscriptions the tenant holds (two of one resource count twice). */
    public int subscriptionCount(String tenantId) {
        return subscriptions.ofTenant(tenantId).size();
    }

    /** Drops a subscription without telling, as Graph may (no subscriptionRemoved for users and groups). */
    public boolean removeSubscriptionSilently(String subscriptionId) {
        return subscriptions.removeSilently(subscriptionId);
    }

    /** The notification URLs of the tenant's subscriptions, as {@code resource -> url}. */
    public Map<String, String> notificationUrls(String tenantId) {
        Map<String, String> urls = new java.util.TreeMap<>();
        subscriptions.ofTenant(tenantId).forEach(s -> urls.put(s.resource(), s.notificationUrl()));
        return urls;
    }

    /** {@code GET /subscriptions/{id}} requests received so far. */
    public int subscriptionLookups() {
        return subscriptions.lookups();
    }

    /** Subscription renewals (PATCHes of the expiry) received so far. */
    public int subscriptionRenewals() {
        return subscriptions.renewals();
    }

    /** Change-notification POSTs made so far, those mixing several subscriptions, and items dropped after retries. */
    public int notificationBatches() {
        return subscriptions.batches();
    }

    public int mixedNotificationBatches() {
        return subscriptions.mixedBatches();
    }

    public int notificationsUndelivered() {
        return subscriptions.undelivered();
    }

    /** Change notifications delivered so far / dropped on demand so far. */
    public int notificationsSent() {
        return subscriptions.sent();
    }

    public int notificationsDropped() {
        return subscriptions.dropped();
    }

    SubscriptionEndpoint subscriptionEndpoint() {
        return subscriptionEndpoint;
    }

    /** A little drift ({@link ChangePlan#DRIFT}). */
    public AppliedChanges mutate(String tenantId, Random random) {
        return apply(tenantId, ChangePlan.DRIFT, random);
    }

    /** Renames a group (by index, in creation order) as one new version: the next groups/delta carries the name. */
    public void renameGroup(String tenantId, int group, String displayName) {
        changeGroup(tenantId, group, g -> g.name = displayName);
    }

    /**
     * Moves a group to the recycle bin as one new version: absent from full reads, {@code @removed} (reason
     * {@code changed}) in deltas; its members are kept for {@link #restoreGroup}.
     */
    public void softDeleteGroup(String tenantId, int group) {
        changeGroup(tenantId, group, g -> g.removed = true);
    }

    /** Restores a soft-deleted group as one new version; a delta across it lists the group with every member. */
    public void restoreGroup(String tenantId, int group) {
        changeGroup(tenantId, group, g -> {
            g.removed = false;
            g.restoredVersion = g.version;
        });
    }

    private void changeGroup(String tenantId, int group, java.util.function.Consumer<SimGroup> change) {
        TenantDirectory directory = directories.get(tenantId);
        if (directory == null) {
            throw new IllegalArgumentException("no simulated tenant " + tenantId);
        }
        directory.lock.writeLock().lock();
        try {
            if (group < 0 || group >= directory.groups.size()) {
                throw new IllegalArgumentException("tenant " + tenantId + " has no group " + group);
            }
            SimGroup simGroup = directory.groups.get(group);
            simGroup.version = ++directory.version;
            change.accept(simGroup);
        } finally {
            directory.lock.writeLock().unlock();
        }
    }

    /** Every deltaLink and skiptoken handed out for this tenant so far answers 400 syncStateNotFound from now on. */
    public void expireDeltaTokens(String tenantId) {
        TenantDirectory directory = directories.get(tenantId);
        if (directory == null) {
            throw new IllegalArgumentException("no simulated tenant " + tenantId);
        }
        directory.lock.writeLock().lock();
        try {
            directory.oldestValidVersion = ++directory.version;
            for (SimGroup group : directory.groups) {
                group.dropEventsUpTo(directory.oldestValidVersion);
            }
        } finally {
            directory.lock.writeLock().unlock();
        }
    }

    /**
     * The demo sign-in's OpenID Connect issuer, {@code https://127.0.0.1:<port>/demo-oidc} ({@link DemoOidcProvider}):
     * demo users of each role of entra-sync for the admin page.
     */
    public String demoIssuer() {
        return baseUrl() + DemoOidcProvider.PATH;
    }

    /** Made on first use: not by every simulator a benchmark starts. Signs with the TLS keystore's key pair. */
    synchronized DemoOidcProvider demoSignIn() {
        if (demoSignIn == null) {
            demoSignIn = new DemoOidcProvider(demoIssuer(), SimulatorKeystore.signingKey(keyStore), Clock.systemUTC());
        }
        return demoSignIn;
    }

    /** {@code https://127.0.0.1:<port>}: the Graph root (without {@code /v1.0}) and the authority host. */
    public String baseUrl() {
        return "https://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The simulator's certificate only (no key), for {@link SimulatorTlsTrust}. */
    public KeyStore trustStore() {
        return trustStore;
    }

    SimulatorSettings settings() {
        return settings;
    }

    void driftBeforeDelta(TenantDirectory directory) {
        if (settings.driftOnEveryDelta()) {
            DirectoryMutator.apply(directory, ChangePlan.DRIFT, new Random(driftRounds.incrementAndGet()));
        }
    }

    private void driftAll() {
        try {
            long round = driftRounds.incrementAndGet();
            directories.values().forEach(d -> notifying(d, DirectoryMutator.apply(d, ChangePlan.DRIFT,
                    new Random(d.shape().seed() * 31 + round))));
        } catch (RuntimeException e) {
            log.warn("simulator drift failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        subscriptions.close();
        server.stop(0);
        workers.shutdownNow();
        if (drift != null) {
            drift.shutdownNow();
        }
    }

    private static SSLContext sslContext(KeyStore keyStore) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, SimulatorKeystore.PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the simulator's TLS context", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
