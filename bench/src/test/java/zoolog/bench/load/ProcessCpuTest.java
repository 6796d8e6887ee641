package zoolog.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    /** A real line from a JVM, fields 14 (utime) = 1234 and 15 (stime) = 567. */
    private static final String JAVA_STAT = "29000 (java) S 1 29000 28990 0 -1 4194560 40213 0 12 0 1234 567 0 0 20 0 "
            + "45 0 123456 4096000000 60000 18446744073709551615 1 1 0 0 0 0 0 2 16800975 0 0 0 17 1 0 0 0 0 0";

    @Test
    void addsUserAndSystemTicks() {
        assertEquals(OptionalLong.of(1801), ProcessCpu.parseCpuTicks(JAVA_STAT));
    }

    @Test
    void countsFieldsFromTheLastParenthesisOfTheCommandName() {
        String tricky = JAVA_STAT.replace("(java)", "(a) b (c) 1 2 3)");
        assertEquals(OptionalLong.of(1801), ProcessCpu.parseCpuTicks(tricky));
    }

    @Property
    void anyCommandNameParses(
            @ForAll @StringLength(max = 15) @Chars({'a', ' ', '(', ')', '1', 'x'}) String comm,
            @ForAll @LongRange(max = Long.MAX_VALUE / 4) long utime,
            @ForAll @LongRange(max = Long.MAX_VALUE / 4) long stime) {
        String line = "42 (" + comm + ") R 1 42 42 0 -1 0 0 0 0 0 " + utime + " " + stime + " 0 0 20 0 1 0 5";
        assertEquals(OptionalLong.of(utime + stime), ProcessCpu.parseCpuTicks(line));
    }

    @Test
    void malformedLinesAreEmpty() {
        assertEquals(OptionalLong.empty(), ProcessCpu.parseCpuTicks(""));
        assertEquals(OptionalLong.empty(), ProcessCpu.parseCpuTicks("29000 java S 1 2 3"));
        assertEquals(OptionalLong.empty(), ProcessCpu.parseCpuTicks("29000 (java) S 1 2 3"));
        assertEquals(OptionalLong.empty(), ProcessCpu.parseCpuTicks(JAVA_STAT.replace(" 1234 ", " x ")));
    }

    @Test
    void machineBusyTicksAddUserNiceSystemIrqSoftirqAndSteal() {
        String procStat = "cpu  100 2 30 9000 400 5 6 7 50 0\ncpu0 50 1 15 4500 200 2 3 3 25 0\nintr 1 2 3\n";
        assertEquals(OptionalLong.of(100 + 2 + 30 + 5 + 6 + 7), ProcessCpu.parseBusyTicks(procStat));
        assertEquals(OptionalLong.empty(), ProcessCpu.parseBusyTicks("cpu0 50 1 15 4500 200 2 3 3\n"));
        assertEquals(OptionalLong.empty(), ProcessCpu.parseBusyTicks("cpu  100 2 30\n"));
        assertEquals(OptionalLong.empty(), ProcessCpu.parseBusyTicks("cpu  100 2 x 9000 400 5 6 7\n"));
        assertEquals(OptionalLong.empty(), ProcessCpu.parseBusyTicks(""));
    }

    @Test
    void readsTheMachinesBusyTime() {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux /proc");
        OptionalDouble seconds = new ProcessCpu(100).machineBusyCpuSeconds();
        assertTrue(seconds.isPresent() && seconds.getAsDouble() > 0, "machine busy time: " + seconds);
    }

    @Test
    void readsTheClockTickRate() {
        assertEquals(OptionalLong.of(100), ProcessCpu.parseClockTicks("100\n"));
        assertEquals(OptionalLong.empty(), ProcessCpu.parseClockTicks("undefined"));
        assertEquals(OptionalLong.empty(), ProcessCpu.parseClockTicks("0"));
    }

    @Test
    void convertsTicksToSecondsForALiveProcess() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        OptionalDouble seconds = new ProcessCpu(100).ownCpuSeconds();
        assertTrue(seconds.isPresent() && seconds.getAsDouble() >= 0, "own CPU time: " + seconds);
        assertEquals(OptionalDouble.empty(), new ProcessCpu(100).cpuSeconds(Long.MAX_VALUE));
    }
}
