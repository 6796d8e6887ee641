package zoolog.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValuesInOrder() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("b", 1);
        root.put("a", List.of(true, 2.5, "x"));
        root.put("empty", Map.of());
        root.put("none", null);
        root.put("nan", Double.NaN);
        root.put("list", Arrays.asList(null, List.of()));
        assertEquals("""
                {
                  "b": 1,
                  "a": [
                    true,
                    2.5,
                    "x"
                  ],
                  "empty": {},
                  "none": null,
                  "nan": null,
                  "list": [
                    null,
                    []
                  ]
                }
                """, Json.write(root));
    }

    @Test
    void escapesStrings() {
        assertEquals("\"q\\\" b\\\\ n\\n t\\t c\\u0001 µ×\"\n", Json.write("q\" b\\ n\n t\t c\u0001 µ×"));
    }

    @Test
    void refusesOtherTypes() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }

    @Test
    void comparisonReportCarriesUnitsInFieldNames() {
        String json = JsonReport.render(ReportFixtures.report(List.of(
                WorkloadRun.measured("zoolog", "v", "read 100%", ReportFixtures.readOnly(1000, 10, 0.5)),
                WorkloadRun.failed("apache-zookeeper", "", "read 100%", "did not start"))));
        assertTrue(json.contains("\"opsPerSecond\": 100.0"), json);
        assertTrue(json.contains("\"serverCpuSecondsPer1kOps\": 0.5"), json);
        assertTrue(json.contains("\"clientCpuSeconds\": null"), json);
        assertTrue(json.contains("\"p99Micros\": 10"), json);
        assertTrue(json.contains("\"failure\": \"did not start\""), json);
        assertTrue(json.contains("\"startedAt\": \"2025-01-02T03:04:05Z\""), json);
    }
}
