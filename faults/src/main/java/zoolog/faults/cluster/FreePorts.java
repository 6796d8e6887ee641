package zoolog.faults.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks free loopback ports for the nodes. All sockets are held open until every port is chosen,
 * so the ports are distinct; they are then released for the nodes to bind. Another process could
 * take one in between, which shows up as a node that fails to start, never as a silent mix-up.
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static List<Integer> reserve(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                held.add(socket);
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
