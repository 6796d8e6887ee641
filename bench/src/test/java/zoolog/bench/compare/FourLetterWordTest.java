package zoolog.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FourLetterWordTest {

    @Test
    void sendsTheWordAndReadsUntilTheServerCloses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket client = server.accept()) {
                    InputStream in = client.getInputStream();
                    String word = new String(in.readNBytes(4), StandardCharsets.US_ASCII);
                    OutputStream out = client.getOutputStream();
                    out.write("imok".getBytes(StandardCharsets.US_ASCII));
                    return word;
                } catch (IOException failed) {
                    return "failed: " + failed;
                }
            });
            assertEquals(Optional.of("imok"), FourLetterWord.ask("127.0.0.1", server.getLocalPort(), "ruok", 5000));
            assertEquals("ruok", received.get());
        }
    }

    @Test
    void aClosedPortIsEmpty() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertEquals(Optional.empty(), FourLetterWord.ask("127.0.0.1", port, "ruok", 1000));
    }
}
