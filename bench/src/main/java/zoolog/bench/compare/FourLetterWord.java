package zoolog.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Sends one ZooKeeper four-letter word ({@code ruok}, {@code srvr}, ...) to a server on the client
 * port and reads the answer until the server closes the connection, as {@code echo ruok | nc} does.
 * Used by the runner's main thread to tell when a server it started is ready to serve.
 */
public final class FourLetterWord {

    /** Answers of {@code srvr}/{@code mntr} are a few hundred bytes; anything longer is not a 4lw answer. */
    static final int ANSWER_BYTES_MAX = 64 * 1024;

    private FourLetterWord() {
    }

    /** The server's answer, or empty if it could not be reached or did not answer within the timeout. */
    public static Optional<String> ask(String host, int port, String word, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return Optional.of(new String(in.readNBytes(ANSWER_BYTES_MAX), StandardCharsets.UTF_8));
        } catch (IOException unreachable) {
            return Optional.empty();
        }
    }
}
