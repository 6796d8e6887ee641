package zoolog.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Reads how much CPU time a process has used so far, from Linux's {@code /proc/<pid>/stat}:
 * {@code utime + stime} (user plus system time, fields 14 and 15) in clock ticks, turned into
 * seconds with the tick rate {@code getconf CLK_TCK} reports. The benchmark reads it for the server
 * process before and after the measured phase and divides the difference by the operations done,
 * which charges every server thread (network, fsync, GC, JIT) to the workload. It also reads the
 * whole machine's busy time from {@code /proc/stat}, so a run can say how much CPU processes other
 * than the server and the load generator took meanwhile (a noisy neighbour skews every figure).
 * Immutable and safe to share; each read is one small file read by the calling thread.
 */
public final class ProcessCpu {

    /** The tick rate on every mainstream Linux build, used when {@code getconf} cannot be run. */
    public static final long CLOCK_TICKS_PER_SECOND_DEFAULT = 100;

    /** Fields of {@code /proc/<pid>/stat} after the parenthesised command name, counted from 0. */
    private static final int UTIME_INDEX_AFTER_COMM = 11;
    private static final int STIME_INDEX_AFTER_COMM = 12;
    private static final long GETCONF_TIMEOUT_SECONDS = 5;
    /**
     * Busy fields of {@code /proc/stat}'s aggregate {@code cpu} line, counted from 0 after the label:
     * user, nice, system, irq, softirq, steal. Idle (3) and iowait (4) are not busy; guest time is
     * already inside user and nice.
     */
    private static final int[] BUSY_FIELDS_OF_PROC_STAT = {0, 1, 2, 5, 6, 7};

    private final long clockTicksPerSecond;

    public ProcessCpu(long clockTicksPerSecond) {
        if (clockTicksPerSecond <= 0) {
            throw new IllegalArgumentException("clock ticks per second must be positive: " + clockTicksPerSecond);
        }
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** Asks {@code getconf CLK_TCK} for the tick rate, falling back to {@value #CLOCK_TICKS_PER_SECOND_DEFAULT}. */
    public static ProcessCpu detect() {
        return new ProcessCpu(queryClockTicksPerSecond().orElse(CLOCK_TICKS_PER_SECOND_DEFAULT));
    }

    public long clockTicksPerSecond() {
        return clockTicksPerSecond;
    }

    /** CPU seconds the process has used so far; empty if it is gone or this is not Linux. */
    public OptionalDouble cpuSeconds(long pid) {
        String statLine;
        try {
            statLine = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException unreadable) {
            return OptionalDouble.empty();
        }
        OptionalLong ticks = parseCpuTicks(statLine);
        return ticks.isPresent()
                ? OptionalDouble.of((double) ticks.getAsLong() / clockTicksPerSecond)
                : OptionalDouble.empty();
    }

    /**
     * CPU seconds all CPUs of the machine have been busy so far, summed (two busy CPUs for one
     * second is two seconds); empty if this is not Linux.
     */
    public OptionalDouble machineBusyCpuSeconds() {
        String procStat;
        try {
            procStat = Files.readString(Path.of("/proc/stat"), StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException unreadable) {
            return OptionalDouble.empty();
        }
        OptionalLong ticks = parseBusyTicks(procStat);
        return ticks.isPresent()
                ? OptionalDouble.of((double) ticks.getAsLong() / clockTicksPerSecond)
                : OptionalDouble.empty();
    }

    /** CPU seconds this JVM has used so far (the load generator's own cost, for context). */
    public OptionalDouble ownCpuSeconds() {
        return cpuSeconds(ProcessHandle.current().pid());
    }

    /**
     * {@code utime + stime} in clock ticks from one {@code /proc/<pid>/stat} line. The command name
     * (field 2) is in parentheses and may itself hold spaces and parentheses, so fields are counted
     * from the last {@code ')'}. Empty when the line is malformed.
     */
    static OptionalLong parseCpuTicks(String statLine) {
        int commEnd = statLine.lastIndexOf(')');
        if (commEnd < 0) {
            return OptionalLong.empty();
        }
        String[] fields = statLine.substring(commEnd + 1).trim().split("\\s+");
        if (fields.length <= STIME_INDEX_AFTER_COMM) {
            return OptionalLong.empty();
        }
        try {
            long utime = Long.parseLong(fields[UTIME_INDEX_AFTER_COMM]);
            long stime = Long.parseLong(fields[STIME_INDEX_AFTER_COMM]);
            return utime < 0 || stime < 0 ? OptionalLong.empty() : OptionalLong.of(utime + stime);
        } catch (NumberFormatException notANumber) {
            return OptionalLong.empty();
        }
    }

    /** Busy clock ticks of all CPUs from {@code /proc/stat}'s first ({@code cpu}) line; empty when malformed. */
    static OptionalLong parseBusyTicks(String procStat) {
        int lineEnd = procStat.indexOf('\n');
        String[] fields = (lineEnd < 0 ? procStat : procStat.substring(0, lineEnd)).trim().split("\\s+");
        if (fields.length < 1 + BUSY_FIELDS_OF_PROC_STAT[BUSY_FIELDS_OF_PROC_STAT.length - 1] + 1 || !fields[0].equals("cpu")) {
            return OptionalLong.empty();
        }
        long busy = 0;
        try {
            for (int field : BUSY_FIELDS_OF_PROC_STAT) {
                long ticks = Long.parseLong(fields[1 + field]);
                if (ticks < 0) {
                    return OptionalLong.empty();
                }
                busy += ticks;
            }
        } catch (NumberFormatException notANumber) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(busy);
    }

    /** The tick rate from {@code getconf CLK_TCK}'s output, or empty if it is not a positive number. */
    static OptionalLong parseClockTicks(String getconfOutput) {
        try {
            long ticks = Long.parseLong(getconfOutput.trim());
            return ticks > 0 ? OptionalLong.of(ticks) : OptionalLong.empty();
        } catch (NumberFormatException notANumber) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong queryClockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String output;
            try (InputStream in = getconf.getInputStream()) {
                output = new String(in.readNBytes(64), StandardCharsets.US_ASCII);
            }
            if (!getconf.waitFor(GETCONF_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                getconf.destroyForcibly();
                return OptionalLong.empty();
            }
            return getconf.exitValue() == 0 ? parseClockTicks(output) : OptionalLong.empty();
        } catch (IOException notAvailable) {
            return OptionalLong.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
