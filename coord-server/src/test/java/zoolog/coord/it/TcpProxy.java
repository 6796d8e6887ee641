package zoolog.coord.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay between one test client and the server that can cut the client off: while frozen it
 * closes every relayed connection and drops each new one as soon as it is accepted. That is a real
 * network failure as the server sees it (no close-session request, no more pings), so the server
 * expires the session on its own clock — which no client-side API can fake. Pump threads are
 * daemons owned by the proxy; freeze/thaw/close are called from the test thread.
 */
public final class TcpProxy implements AutoCloseable {

    /** More concurrent relayed connections than any test needs; beyond it new ones are dropped. */
    public static final int CONNECTIONS_MAX = 64;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> sockets = new ArrayList<>();
    private boolean frozen;
    private boolean closed;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A connect string that reaches the server through this proxy. */
    public String connectString() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** Cuts every relayed connection and refuses new ones until {@link #thaw}. */
    public synchronized void freeze() {
        frozen = true;
        closeAll();
    }

    /** Relays new connections again. */
    public synchronized void thaw() {
        frozen = false;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        closeAll();
        listener.close();
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            relay(client);
        }
    }

    private void relay(Socket client) {
        Socket upstream = null;
        synchronized (this) {
            if (!frozen && !closed && sockets.size() < CONNECTIONS_MAX) {
                try {
                    upstream = new Socket();
                    upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                    sockets.add(client);
                    sockets.add(upstream);
                } catch (IOException e) {
                    closeQuietly(upstream);
                    upstream = null;
                }
            }
        }
        if (upstream == null) {
            closeQuietly(client);
            return;
        }
        pump(client, upstream, "up");
        pump(upstream, client, "down");
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[BUFFER_BYTES];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // The other side closed or the proxy froze; either way this relay is over.
            } finally {
                forget(from);
                forget(to);
            }
        }, "tcp-proxy-" + direction + "-" + from.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized void forget(Socket socket) {
        sockets.remove(socket);
        closeQuietly(socket);
    }

    private void closeAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
