/**
 * Real-client compatibility tests: what the official Java client, Curator and zkCli rely on from a
 * ZooKeeper server, written down as JUnit tests tagged {@code it}. They run against Apache ZooKeeper
 * 3.9 today (the reference) and against Zoolog once it can serve clients; an assertion that holds for
 * one and not the other is a compatibility bug, or a deliberate divergence to be documented.
 *
 * <p>Run: {@code mvn -q -pl coord-server -am test -Dtest='zoolog.coord.it.**'}. Choose the server
 * with {@code -Dzoolog.it.server=apache} (default); see {@link zoolog.coord.it.TestServers}.
 *
 * <p>Layout: {@link zoolog.coord.it.TestServerExtension} starts one {@link zoolog.coord.it.TestServer}
 * per test class (configured by {@link zoolog.coord.it.WithServerConfig}) and hands each test a
 * {@link zoolog.coord.it.ZkClients}. Waiting is always bounded and event-driven: a
 * {@link zoolog.coord.it.RecordingWatcher} queue, {@link zoolog.coord.it.ZkClients#awaitEventThread}
 * for "nothing else arrived", and a {@link zoolog.coord.it.TcpProxy} to cut a client off so the
 * server, not the test, decides when a session expires.
 */
package zoolog.coord.it;
