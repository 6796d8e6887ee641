package zoolog.protocol.coordclient;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.CreateMode;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.Stat;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * Zoolog's own ZooKeeper client, for Zoolog's servers to keep metadata in a coordination ensemble
 * (Apache ZooKeeper's or Zoolog's): one session kept alive across connections to the members of
 * a connect string, with one-shot watches and multi. Every call is asynchronous and returns a
 * future that fails with a {@link CoordException} carrying the ZooKeeper error code.
 *
 * <p>Threads: two per client. {@code coord-client-io} (Netty) owns the connection and all session
 * state; {@code coord-client-events} completes the futures and calls watch and state listeners,
 * one at a time, in the order the server's replies and notifications arrived. Callbacks may
 * block briefly but must not wait for another future of the same client. Guarantees: requests
 * are sent and answered in submission order (FIFO per client); a request whose connection is
 * lost fails with CONNECTION_LOSS and its outcome is unknown — it may have been applied.
 */
public final class CoordClient implements AutoCloseable {

    /** How long {@link #close()} waits for the ensemble to confirm the session's end. */
    static final long CLOSE_WAIT_MILLIS_MAX = 5_000;

    private final ClientSession session;
    private final CallbackThread callbacks;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CoordClient(CoordClientConfig config) {
        this.callbacks = new CallbackThread();
        this.session = new ClientSession(config, callbacks);
    }

    /** Starts connecting in the background; {@link #connected()} tells when the session exists. */
    public static CoordClient start(CoordClientConfig config) {
        CoordClient client = new CoordClient(config);
        client.session.start();
        return client;
    }

    public static CoordClient start(String connectString, int sessionTimeoutMillis) {
        return start(CoordClientConfig.of(connectString, sessionTimeoutMillis));
    }

    // ---- session ----------------------------------------------------------------------------

    /** Completes when the first handshake created the session; fails if the client stops first. */
    public CompletableFuture<Void> connected() {
        return session.firstConnect().copy();
    }

    public ConnectionState state() {
        return session.state();
    }

    /** The session id, 0 until connected. */
    public long sessionId() {
        return session.sessionId();
    }

    /** The timeout the ensemble granted, 0 until connected. */
    public int sessionTimeoutMillis() {
        return session.negotiatedTimeoutMillis();
    }

    /** The member the client is connected to now, if any. */
    public Optional<InetSocketAddress> server() {
        return Optional.ofNullable(session.server());
    }

    /** The session's password, for tests that take the session over to expire it. */
    byte[] sessionPassword() {
        return session.password();
    }

    /** Adds a listener for the state changes that happen from now on. */
    public void addConnectionStateListener(ConnectionStateListener listener) {
        session.addStateListener(listener);
    }

    // ---- writes -----------------------------------------------------------------------------

    /** Creates a znode with an open ACL; the future holds its path (with the sequence suffix, if any). */
    public CompletableFuture<String> create(String path, byte[] data, CreateMode mode) {
        return create(path, data, Acl.OPEN_ACL_UNSAFE, mode);
    }

    public CompletableFuture<String> create(String path, byte[] data, List<Acl> acl, CreateMode mode) {
        return createRequest(Ops.create(path, data, acl, mode, -1));
    }

    /** Creates a znode of a TTL mode, which the ensemble deletes once empty and unmodified for the TTL. */
    public CompletableFuture<String> createWithTtl(String path, byte[] data, CreateMode mode, long ttlMillis) {
        if (!mode.isTtl()) {
            throw new IllegalArgumentException(mode + " is not a TTL mode");
        }
        return createRequest(Ops.create(path, data, Acl.OPEN_ACL_UNSAFE, mode, ttlMillis));
    }

    /** Deletes a znode if its version matches ({@link Ops#ANY_VERSION} matches any). */
    public CompletableFuture<Void> delete(String path, int version) {
        return call(Ops.delete(path, version), path, body -> null);
    }

    /** Replaces a znode's data if its version matches; the future holds the new Stat. */
    public CompletableFuture<Stat> setData(String path, byte[] data, int version) {
        return call(Ops.setData(path, data, version), path, body -> ((ZkResponse.StatOnly) body).stat());
    }

    /**
     * Applies all ops or none. The future holds one result per op; if any op failed, it fails
     * with a {@link CoordException} whose code is the first failing op's and whose
     * {@link CoordException#results()} hold every op's result.
     */
    public CompletableFuture<List<ZkResponse.OpResult>> multi(List<ZkRequest> ops) {
        return send(new ZkRequest.Multi(OpCode.MULTI, List.copyOf(ops)), null, null, null)
                .thenCompose(body -> {
                    List<ZkResponse.OpResult> results = ((ZkResponse.Multi) body).results();
                    ErrorCode failure = firstFailure(results);
                    return failure == null ? CompletableFuture.completedFuture(results)
                            : CompletableFuture.failedFuture(new CoordException(failure, null, results));
                });
    }

    /**
     * Completes once the member this client is connected to has caught up with the leader as of
     * this call, so reads after it see every write committed before it.
     */
    public CompletableFuture<Void> sync(String path) {
        return call(new ZkRequest.Sync(path), path, body -> null);
    }

    // ---- reads ------------------------------------------------------------------------------

    public CompletableFuture<NodeData> getData(String path) {
        return getData(path, null);
    }

    /** Reads a znode; a non-null {@code watch} fires once on its next data change or deletion. */
    public CompletableFuture<NodeData> getData(String path, WatchListener watch) {
        return send(new ZkRequest.GetData(path, watch != null), path, WatchRegistry.Kind.DATA, watch)
                .thenApply(body -> {
                    ZkResponse.GetData data = (ZkResponse.GetData) body;
                    return new NodeData(data.data(), data.stat());
                });
    }

    public CompletableFuture<Optional<Stat>> exists(String path) {
        return exists(path, null);
    }

    /**
     * The znode's Stat, or empty if it does not exist; a non-null {@code watch} fires once on its
     * creation, data change or deletion — set even when the node does not exist yet.
     */
    public CompletableFuture<Optional<Stat>> exists(String path, WatchListener watch) {
        return send(new ZkRequest.Exists(path, watch != null), path, WatchRegistry.Kind.EXISTS, watch)
                .handle((body, failure) -> {
                    if (failure == null) {
                        return Optional.of(((ZkResponse.StatOnly) body).stat());
                    }
                    if (unwrap(failure) instanceof CoordException e && e.code() == ErrorCode.NO_NODE) {
                        return Optional.<Stat>empty();
                    }
                    throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                });
    }

    public CompletableFuture<List<String>> getChildren(String path) {
        return getChildren(path, null);
    }

    /** The names of a znode's children; a non-null {@code watch} fires once when they change or it is deleted. */
    public CompletableFuture<List<String>> getChildren(String path, WatchListener watch) {
        return call(new ZkRequest.GetChildren(OpCode.GET_CHILDREN, path, watch != null), path,
                WatchRegistry.Kind.CHILDREN, watch, body -> ((ZkResponse.GetChildren) body).children());
    }

    // ---- blocking convenience ---------------------------------------------------------------

    /**
     * Waits for a future of this client and returns its value, rethrowing a {@link CoordException}
     * as itself. For start-up code and tools; never call it from a callback of the same client.
     */
    public static <T> T await(CompletableFuture<T> future, long timeoutMillis)
            throws CoordException, InterruptedException, TimeoutException {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (unwrap(e) instanceof CoordException coord) {
                throw coord;
            }
            throw new IllegalStateException("coordination request failed unexpectedly", e.getCause());
        }
    }

    /** Closes the session (its ephemeral nodes go at once) and stops both client threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            session.close(CLOSE_WAIT_MILLIS_MAX);
            callbacks.stop(CLOSE_WAIT_MILLIS_MAX);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------

    private CompletableFuture<String> createRequest(ZkRequest.Create create) {
        return call(create, create.path(), body -> body instanceof ZkResponse.Create2 c2 ? c2.path()
                : ((ZkResponse.Create) body).path());
    }

    private <T> CompletableFuture<T> call(ZkRequest request, String path, Function<ZkResponse, T> result) {
        return call(request, path, null, null, result);
    }

    private <T> CompletableFuture<T> call(ZkRequest request, String path, WatchRegistry.Kind kind, WatchListener watch,
            Function<ZkResponse, T> result) {
        return send(request, path, kind, watch).thenApply(result);
    }

    private CompletableFuture<ZkResponse> send(ZkRequest request, String path, WatchRegistry.Kind kind,
            WatchListener watch) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("coordination client is closed"));
        }
        return session.submit(new PendingRequest(request, path, kind, watch));
    }

    private static ErrorCode firstFailure(List<ZkResponse.OpResult> results) {
        List<ErrorCode> errors = new ArrayList<>();
        for (ZkResponse.OpResult result : results) {
            if (result instanceof ZkResponse.OpResult.Error e && e.err() != ErrorCode.OK.code()) {
                errors.add(ErrorCode.of(e.err()));
            }
        }
        // Ops after the failing one report RUNTIME_INCONSISTENCY; the cause is the other code.
        return errors.stream().filter(code -> code != ErrorCode.RUNTIME_INCONSISTENCY).findFirst()
                .orElse(errors.isEmpty() ? null : errors.get(0));
    }

    private static Throwable unwrap(Throwable failure) {
        return (failure instanceof CompletionException || failure instanceof ExecutionException)
                && failure.getCause() != null ? failure.getCause() : failure;
    }
}
