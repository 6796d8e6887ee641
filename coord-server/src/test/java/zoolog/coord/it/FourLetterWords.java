package zoolog.coord.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a four-letter word to the client port over a raw socket and returns everything the server
 * writes before it closes the connection — what {@code echo ruok | nc host 2181} prints.
 */
final class FourLetterWords {

    private static final int READ_TIMEOUT_MILLIS = 20_000;
    /** Far above any 4lw answer on a test server; a longer answer fails the test. */
    private static final int RESPONSE_BYTES_MAX = 4 * 1024 * 1024;

    private FourLetterWords() {}

    static String send(int port, String word) throws IOException {
        return send(port, word, false);
    }

    /** Like {@code echo word | nc -N}: with {@code halfClose} the client shuts its output right after the word. */
    static String send(int port, String word, boolean halfClose) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                response.write(buffer, 0, read);
                if (response.size() > RESPONSE_BYTES_MAX) {
                    throw new IOException(word + " answered more than " + RESPONSE_BYTES_MAX + " bytes");
                }
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
