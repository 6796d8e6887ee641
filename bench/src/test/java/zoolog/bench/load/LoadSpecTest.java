package zoolog.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadSpecTest {

    private static LoadSpec spec(String connect, int sessions, double readRatio, Duration duration) {
        return new LoadSpec(connect, sessions, 0, duration, Duration.ofSeconds(5), readRatio, 1024, 1000, 4, 42);
    }

    @Test
    void aSensibleSpecHasNoProblems() {
        assertEquals(List.of(), spec("127.0.0.1:2181,localhost:2182", 32, 0.9, Duration.ofSeconds(15)).problems());
    }

    @Test
    void listsEveryProblemAtOnce() {
        List<String> problems = spec("127.0.0.1", 0, 1.5, Duration.ZERO).problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'127.0.0.1' is not host:port"));
        assertTrue(problems.get(1).startsWith("--sessions"));
        assertTrue(problems.get(2).startsWith("--read-ratio"));
        assertTrue(problems.get(3).startsWith("--duration"));
    }

    @Test
    void rejectsPortsOutOfRangeAndChroots() {
        assertEquals(1, LoadSpec.connectStringProblems("h:0").size());
        assertEquals(1, LoadSpec.connectStringProblems("h:65536").size());
        assertTrue(LoadSpec.connectStringProblems("h:2181/app").get(0).contains("chroot"));
        assertEquals(1, LoadSpec.connectStringProblems("h:2181,").size());
        assertEquals(1, LoadSpec.connectStringProblems(" ").size());
    }

    @Test
    void namesWorkloadsByReadPercentage() {
        assertEquals("read 0%", spec("h:1", 1, 0.0, Duration.ofSeconds(1)).workloadName());
        assertEquals("read 90%", spec("h:1", 1, 0.9, Duration.ofSeconds(1)).workloadName());
        assertEquals("read 100%", spec("h:1", 1, 1.0, Duration.ofSeconds(1)).workloadName());
        assertEquals("read 33.3%", spec("h:1", 1, 1.0 / 3, Duration.ofSeconds(1)).workloadName());
    }
}
