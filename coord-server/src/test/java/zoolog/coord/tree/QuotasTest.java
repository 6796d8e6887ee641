package zoolog.coord.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuotasTest {

    private static long[] parse(String text) {
        return Quotas.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheClassicFormat() {
        assertArrayEquals(new long[] {2, -1}, parse("count=2,bytes=-1"));
    }

    @Test
    void readsTheFormatZkCli37AndLaterWrites() {
        assertArrayEquals(new long[] {-1, 8}, parse("count=-1,bytes=8=;byteHardLimit=-1;countHardLimit=-1"));
    }

    @Test
    void malformedValuesMeanNoLimit() {
        assertArrayEquals(new long[] {-1, -1}, parse("count=x,bytes"));
    }
}
