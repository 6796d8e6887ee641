package zoolog.coord.cli;

/**
 * A started coordination server as the CLI sees it. {@link #awaitTermination} blocks the main
 * thread until the server stops on its own; {@link #close} stops it (the CLI calls it from its
 * shutdown hook on SIGTERM or Ctrl-C, so it must be safe to call from another thread and more than once).
 */
@SuppressWarnings("try") // close() may throw anything; the CLI closes it explicitly, not in try-with-resources.
public interface RunningServer extends AutoCloseable {

    void awaitTermination() throws InterruptedException;
}
