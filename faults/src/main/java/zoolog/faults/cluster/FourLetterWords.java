package zoolog.faults.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Asks a node a four-letter word on its client port and reads the answer until the server closes
 * the connection, as {@code echo srvr | nc} does. {@link #mode} reads the {@code Mode:} line of
 * {@code srvr}: {@code leader}, {@code follower} or {@code standalone} once the node serves,
 * nothing while it is electing, paused or down. Stateless; any thread.
 */
public final class FourLetterWords {

    /** Answers of srvr/mntr are a few hundred bytes; anything longer is not a four-letter-word answer. */
    static final int ANSWER_BYTES_MAX = 64 * 1024;
    private static final String MODE_PREFIX = "Mode:";

    private FourLetterWords() {
    }

    public static Optional<String> ask(int port, String word, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
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

    /** The node's mode from {@code srvr}, if it answered and serves. */
    public static Optional<String> mode(int port, int timeoutMillis) {
        return ask(port, "srvr", timeoutMillis).flatMap(FourLetterWords::modeOf);
    }

    static Optional<String> modeOf(String srvrAnswer) {
        return srvrAnswer.lines()
                .filter(line -> line.startsWith(MODE_PREFIX))
                .map(line -> line.substring(MODE_PREFIX.length()).trim())
                .findFirst();
    }
}
