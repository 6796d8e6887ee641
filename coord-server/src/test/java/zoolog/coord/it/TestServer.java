package zoolog.coord.it;

import java.io.IOException;

/**
 * A running ZooKeeper-compatible server that the client compatibility tests talk to. The tests only
 * see this interface, so the same assertions run against Apache ZooKeeper (the reference) and
 * against Zoolog; {@link TestServers} picks the implementation. One instance serves one test class
 * and is driven from the JUnit thread only.
 */
public interface TestServer extends AutoCloseable {

    /** {@code host:port} for {@code new ZooKeeper(...)}, Curator and zkCli {@code -server}. */
    String connectString();

    /** The client port, for raw sockets (four-letter words) and proxies. */
    int clientPort();

    /** The configuration this server was started with. */
    TestServerConfig config();

    /**
     * Stops the server and starts it again on the same port and data directory. Data and sessions
     * written before the stop survive (a session is still valid if the restart is shorter than its
     * timeout), so connected clients see Disconnected followed by SyncConnected, never Expired.
     */
    void restart() throws Exception;

    /**
     * The server-side signal that a soft count quota was exceeded — a hook, because that signal is
     * a log line, not something a client can observe. The seed transcript shows ZooKeeper 3.4's
     * {@code WARN ... Quota exceeded: /sswang count=3 limit=2}; Apache ZooKeeper 3.9 logs nothing at
     * all unless {@code zookeeper.enforceQuota=true}, so its implementation checks nothing. Zoolog's
     * implementation must check that its WARN line for {@code quotaPath} was logged.
     */
    void verifyCountQuotaExceededWarning(String quotaPath, long count, long countLimit);

    /** Stops the server and deletes its data directory. */
    @Override
    void close() throws IOException;
}
