package zoolog.faults.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP relay on loopback for one directed link between two peers (A connects to B's quorum or
 * election port through A→B's proxy), which the nemesis can cut. {@link #block} closes every
 * relayed connection and from then on accepts new ones only to close them at once, which the
 * connecting peer sees as a peer that is down; {@link #heal} relays again. Each proxy owns a
 * daemon accept thread and two daemon pump threads per relayed connection; block, heal and
 * close may be called from any thread.
 */
public final class LinkProxy implements AutoCloseable {

    /** Peers open one or two connections per link; more than this is a peer reconnecting in a loop. */
    public static final int CONNECTIONS_MAX = 32;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(LinkProxy.class);

    private final String name;
    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> sockets = new ArrayList<>();
    private boolean blocked;
    private boolean closed;

    private LinkProxy(String name, int targetPort, ServerSocket listener) {
        this.name = name;
        this.targetPort = targetPort;
        this.listener = listener;
    }

    /** A proxy listening on a free loopback port that relays to {@code targetPort} on loopback. */
    public static LinkProxy start(String name, int targetPort) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        LinkProxy proxy = new LinkProxy(name, targetPort, listener);
        Thread acceptor = new Thread(proxy::acceptLoop, "proxy-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String name() {
        return name;
    }

    /** Cuts every relayed connection and refuses new ones until {@link #heal}. */
    public synchronized void block() {
        blocked = true;
        closeAll();
    }

    public synchronized void heal() {
        blocked = false;
    }

    public synchronized boolean isBlocked() {
        return blocked;
    }

    /** How many sockets (both ends of each relayed connection) are open now. */
    public synchronized int openSockets() {
        return sockets.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeAll();
        closeQuietly(listener);
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
            if (!blocked && !closed && sockets.size() + 2 <= CONNECTIONS_MAX) {
                upstream = new Socket();
                sockets.add(client);
                sockets.add(upstream);
            }
        }
        if (upstream == null) {
            closeQuietly(client);
            return;
        }
        try {
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), CONNECT_TIMEOUT_MILLIS);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException targetDown) {
            LOG.debug("{}: target port {} refused: {}", name, targetPort, targetDown.getMessage());
            forget(client);
            forget(upstream);
            return;
        }
        pump(client, upstream, "up");
        pump(upstream, client, "down");
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[BUFFER_BYTES];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) != -1) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed, or block() cut the connection: either way this relay is over.
            } finally {
                forget(from);
                forget(to);
            }
        }, "proxy-" + name + "-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized void forget(Socket socket) {
        sockets.remove(socket);
        closeQuietly(socket);
    }

    private void closeAll() {
        sockets.forEach(LinkProxy::closeQuietly);
        sockets.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception alreadyClosed) {
            // Closing twice is harmless; nothing else can go wrong here.
        }
    }
}
