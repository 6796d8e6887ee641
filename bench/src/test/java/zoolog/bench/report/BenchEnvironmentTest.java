package zoolog.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchEnvironmentTest {

    private static final List<String> MOUNTS = List.of(
            "/dev/vda / ext4 rw,relatime 0 0",
            "tmpfs /tmp tmpfs rw,nosuid 0 0",
            "/dev/vdb /data xfs rw 0 0");

    @Test
    void findsTheLongestMountContainingThePath() {
        assertEquals("tmpfs on tmpfs (/tmp)", BenchEnvironment.filesystemOf("/tmp/zoolog-bench-1", MOUNTS));
        assertEquals("tmpfs on tmpfs (/tmp)", BenchEnvironment.filesystemOf("/tmp", MOUNTS));
        assertEquals("ext4 on /dev/vda (/)", BenchEnvironment.filesystemOf("/tmpfoo/x", MOUNTS));
        assertEquals("xfs on /dev/vdb (/data)", BenchEnvironment.filesystemOf("/data/zk", MOUNTS));
        assertEquals("unknown", BenchEnvironment.filesystemOf("/x", List.of()));
    }

    @Test
    void takesTheFirstModelName() {
        assertEquals("AMD EPYC 7B13", BenchEnvironment.cpuModel(List.of(
                "processor\t: 0", "model name\t: AMD EPYC 7B13", "model name\t: other")));
        assertEquals("unknown", BenchEnvironment.cpuModel(List.of("processor\t: 0")));
    }
}
