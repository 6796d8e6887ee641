package zoolog.protocol.coordclient;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import zoolog.protocol.jute.JuteException;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.DecodedRequest;
import zoolog.protocol.zk.ZkCodec;
import zoolog.protocol.zk.ZkResponse;

/**
 * A scripted ZooKeeper server for the client's unit tests: the test thread accepts each
 * connection and plays the server's side frame by frame (handshake, replies, silence, a dropped
 * connection), which no real server can be made to do on cue. Blocking sockets; an acceptor
 * daemon thread only queues new connections.
 */
final class FakeServer implements AutoCloseable {

    private static final int FIELD_BYTES_MAX = 1 << 20;

    private final ServerSocket listener;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final List<Socket> handedOut = new CopyOnWriteArrayList<>();

    FakeServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(listener.accept());
                }
            } catch (IOException closed) {
                // the listener was closed: the fake server is done
            }
        }, "fake-zk-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String connectString() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** The next client connection, waiting up to the test deadline. */
    Connection accept() throws Exception {
        Socket socket = accepted.poll(Deadlines.WAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (socket == null) {
            throw new AssertionError("no client connected within " + Deadlines.WAIT_MILLIS + " ms");
        }
        socket.setSoTimeout((int) Deadlines.WAIT_MILLIS);
        handedOut.add(socket);
        return new Connection(socket);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : handedOut) {
            socket.close();
        }
    }

    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        ConnectRequest readConnect() throws IOException, JuteException {
            return ZkCodec.decodeConnectRequest(readFrame(), FIELD_BYTES_MAX);
        }

        void acceptSession(long sessionId, int timeoutMillis, byte[] password) throws IOException {
            ByteBuf frame = Unpooled.buffer();
            ZkCodec.encodeConnectResponse(new ConnectResponse(0, timeoutMillis, sessionId, password, false, true), frame);
            write(frame);
        }

        DecodedRequest readRequest() throws IOException, JuteException {
            return ZkCodec.decodeRequest(readFrame(), FIELD_BYTES_MAX);
        }

        void reply(int xid, long zxid, int err, ZkResponse body) throws IOException {
            ByteBuf frame = Unpooled.buffer();
            ZkCodec.encodeReply(xid, zxid, err, body, frame);
            write(frame);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        private ByteBuf readFrame() throws IOException {
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return Unpooled.wrappedBuffer(body);
        }

        private void write(ByteBuf frame) throws IOException {
            out.write(frame.array(), frame.arrayOffset(), frame.readableBytes());
            out.flush();
        }
    }
}
