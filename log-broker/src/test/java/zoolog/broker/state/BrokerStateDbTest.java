package zoolog.broker.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.broker.state.BrokerStateDb.Family;

class BrokerStateDbTest {

    @TempDir
    Path logDir;

    @Test
    void valuesSurviveReopenAndFamiliesAreSeparate() throws Exception {
        try (BrokerStateDb db = BrokerStateDb.open(logDir)) {
            db.put(Family.GROUP_OFFSETS, bytes("g/t/0"), bytes("42"));
        }
        try (BrokerStateDb db = BrokerStateDb.open(logDir)) {
            assertArrayEquals(bytes("42"), db.get(Family.GROUP_OFFSETS, bytes("g/t/0")));
            assertNull(db.get(Family.PRODUCER_STATE, bytes("g/t/0")));
        }
    }

    @Test
    void writeAppliesPutsAndDeletesAndScanSeesOnlyThePrefix() throws Exception {
        try (BrokerStateDb db = BrokerStateDb.open(logDir)) {
            db.put(Family.GROUP_OFFSETS, bytes("a/1"), bytes("x"));
            Map<byte[], byte[]> changes = new LinkedHashMap<>();
            changes.put(bytes("a/1"), null);
            changes.put(bytes("a/2"), bytes("y"));
            changes.put(bytes("b/1"), bytes("z"));
            db.write(Family.GROUP_OFFSETS, changes);
            List<String> seen = new ArrayList<>();
            db.scan(Family.GROUP_OFFSETS, bytes("a/"), (k, v) -> seen.add(new String(k, UTF_8) + "=" + new String(v, UTF_8)));
            assertEquals(List.of("a/2=y"), seen);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
