package zoolog.bench.compare;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds a {@code --port} base for integration tests whose whole {@link PortPlan} is free right now, so
 * that tests starting real servers do not collide with servers other builds on the machine run.
 */
public final class FreePorts {

    private static final int ATTEMPTS_MAX = 50;
    private static final int BASE_MIN = 30000;
    private static final int BASE_SPAN = 25000;

    private FreePorts() {
    }

    /** A base port under which {@code targets} targets of {@code members} members all find their ports free. */
    public static int base(int members, int targets) {
        for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
            int base = BASE_MIN + ThreadLocalRandom.current().nextInt(BASE_SPAN);
            if (new PortPlan(base, members).allPorts(targets).stream().allMatch(FreePorts::isFree)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range found in " + ATTEMPTS_MAX + " attempts");
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
