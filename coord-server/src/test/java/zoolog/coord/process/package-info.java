/**
 * Whole-server tests that treat the coordination server as a process: {@link
 * zoolog.coord.process.CrashRecoveryIT} kills a server JVM with SIGKILL under a concurrent write
 * load and holds the recovered state to what clients were told ({@link
 * zoolog.coord.process.WriteLedger}, {@link zoolog.coord.process.LedgerCheck}); {@link
 * zoolog.coord.process.ProcessLifecycleIT} drives {@code bin/coord-server} as a user does; {@link
 * zoolog.coord.process.BadInputIT} throws malformed network input at a server while a healthy
 * client keeps working. All are tagged {@code it} and run in {@code mvn verify} (Failsafe).
 *
 * <p>Run: {@code mvn -q -pl coord-server -am verify -Dit.test='zoolog.coord.process.**' -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false}. Waiting is always bounded: on a process, a watcher's
 * event queue or a socket read timeout, never a fixed sleep.
 */
package zoolog.coord.process;
