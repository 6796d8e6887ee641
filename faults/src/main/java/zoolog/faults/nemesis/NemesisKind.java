package zoolog.faults.nemesis;

/**
 * The faults the nemesis injects, one at a time. {@code KILL}: SIGKILL a node, later restart it on
 * the same data (crash recovery). {@code PAUSE}: SIGSTOP a node, later SIGCONT (a long GC pause or
 * a frozen VM: the node's peers and clients time out while it still believes it is leader or
 * follower). {@code PARTITION}: cut peer links through the proxies in one of the
 * {@link PartitionShape}s, later heal them.
 */
public enum NemesisKind { KILL, PAUSE, PARTITION }
