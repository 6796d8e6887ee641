package zoolog.faults.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A proxy relays bytes both ways; blocking cuts the open connection and refuses new ones (the
 * client reads end-of-stream at once), and healing relays again. The echo server is a plain
 * ServerSocket on a daemon thread.
 */
class LinkProxyTest {

    private static final int TIMEOUT_MILLIS = 5000;

    @Test
    void relaysBlocksAndHeals() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                LinkProxy proxy = LinkProxy.start("1->2-quorum", echo.getLocalPort())) {
            startEcho(echo);
            try (Socket client = connect(proxy)) {
                assertArrayEquals(bytes("ping"), roundTrip(client, "ping"));
                proxy.block();
                assertEquals(-1, client.getInputStream().read(), "block cuts the open connection");
            }
            try (Socket refused = connect(proxy)) {
                assertEquals(-1, refused.getInputStream().read(), "a blocked link closes new connections at once");
            }
            proxy.heal();
            try (Socket client = connect(proxy)) {
                assertArrayEquals(bytes("again"), roundTrip(client, "again"));
            }
        }
    }

    @Test
    void networkCutsBothDirectionsOfEachLinkAndHealsAll() throws Exception {
        try (Network network = Network.start(List.of(1, 2, 3), (id, channel) -> 1)) {
            network.cut(List.of(new Link(1, 2)));
            assertEquals(Set.of(new Link(1, 2), new Link(2, 1)), network.blockedLinks());
            network.healAll();
            assertEquals(Set.of(), network.blockedLinks());
        }
    }

    private static Socket connect(LinkProxy proxy) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static byte[] roundTrip(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes(text));
        out.flush();
        return socket.getInputStream().readNBytes(text.length());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void startEcho(ServerSocket server) {
        Thread thread = new Thread(() -> {
            while (true) {
                try {
                    Socket socket = server.accept();
                    Thread pump = new Thread(() -> {
                        try (socket; InputStream in = socket.getInputStream()) {
                            in.transferTo(socket.getOutputStream());
                        } catch (IOException closed) {
                            // The proxy cut the connection; the echo for it is over.
                        }
                    });
                    pump.setDaemon(true);
                    pump.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "echo");
        thread.setDaemon(true);
        thread.start();
    }
}
