package zoolog.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import zoolog.bench.load.DurationConverter;
import zoolog.bench.load.LoadResult;
import zoolog.bench.load.LoadSpec;
import zoolog.bench.load.OpStats;

/**
 * Renders a comparison as {@code results.json}, the machine-readable twin of {@code report.md}:
 * environment, settings, and per run the workload spec, throughput, per-op latency percentiles (µs),
 * errors by code and CPU seconds. Field names carry their units. Pure function; no I/O.
 */
public final class JsonReport {

    private JsonReport() {
    }

    public static String render(ComparisonReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("startedAt", report.startedAt().toString());
        root.put("environment", environmentFields(report.environment()));
        root.put("settings", new LinkedHashMap<String, Object>(report.settings()));
        List<Object> runs = new ArrayList<>();
        for (WorkloadRun run : report.runs()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("system", run.system());
            entry.put("serverVersion", run.serverVersion());
            entry.put("workload", run.workload());
            run.failure().ifPresent(failure -> entry.put("failure", failure));
            run.result().ifPresent(result -> entry.putAll(resultFields(result)));
            runs.add(entry);
        }
        root.put("runs", runs);
        return Json.write(root);
    }

    /** The machine as a JSON object, for every bench report's {@code environment}. */
    public static Map<String, Object> environmentFields(BenchEnvironment environment) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpuModel", environment.cpuModel());
        machine.put("cpus", environment.cpus());
        machine.put("os", environment.os());
        machine.put("java", environment.java());
        machine.put("dataFilesystem", environment.dataFilesystem());
        return machine;
    }

    private static Map<String, Object> resultFields(LoadResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        LoadSpec spec = result.spec();
        Map<String, Object> specFields = new LinkedHashMap<>();
        specFields.put("connect", spec.connectString());
        specFields.put("sessions", spec.sessions());
        specFields.put("inFlightPerSession", spec.inFlightPerSession());
        specFields.put("readRatio", spec.readRatio());
        specFields.put("valueSizeBytes", spec.valueSizeBytes());
        specFields.put("znodes", spec.znodes());
        specFields.put("opsMax", spec.opsMax());
        specFields.put("duration", DurationConverter.format(spec.duration()));
        specFields.put("warmup", DurationConverter.format(spec.warmup()));
        specFields.put("seed", spec.seed());
        fields.put("spec", specFields);
        fields.put("root", result.root());
        fields.put("stopReason", result.stopReason().name().toLowerCase(Locale.ROOT));
        fields.put("measuredSeconds", result.measuredSeconds());
        fields.put("opsPerSecond", result.opsPerSecond());
        fields.put("serverCpuSeconds", orNull(result.serverCpuSeconds()));
        fields.put("clientCpuSeconds", orNull(result.clientCpuSeconds()));
        fields.put("machineCpuSeconds", orNull(result.machineCpuSeconds()));
        fields.put("otherProcessesCpus", orNull(result.otherProcessesCpus()));
        fields.put("serverCpuSecondsPer1kOps", orNull(result.serverCpuSecondsPer1kOps()));
        fields.put("clientCpuSecondsPer1kOps", orNull(result.clientCpuSecondsPer1kOps()));
        fields.put("all", opFields(result.all()));
        Map<String, Object> byOp = new LinkedHashMap<>();
        result.byOpType().values().forEach(stats -> byOp.put(stats.label(), opFields(stats)));
        fields.put("byOp", byOp);
        return fields;
    }

    private static Map<String, Object> opFields(OpStats stats) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ops", stats.count());
        fields.put("errors", stats.errors());
        fields.put("errorsByCode", new LinkedHashMap<String, Object>(stats.errorsByCode()));
        fields.put("meanMicros", stats.meanMicros());
        fields.put("p50Micros", stats.p50Micros());
        fields.put("p99Micros", stats.p99Micros());
        fields.put("p999Micros", stats.p999Micros());
        fields.put("maxMicros", stats.maxMicros());
        return fields;
    }

    private static Double orNull(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
