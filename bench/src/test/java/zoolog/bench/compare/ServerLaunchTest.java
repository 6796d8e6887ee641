package zoolog.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLaunchTest {

    private static final Path JAVA = Path.of("/jdk/bin/java");
    private static final Path CFG = Path.of("/run/zoolog.zoo.cfg");
    private static final Path LOGGING = Path.of("/run/logback-server.xml");

    @Test
    void apacheZooKeeperRunsTheStandaloneMainFromTheBenchClasspath() {
        assertEquals(List.of("/jdk/bin/java", "-Xmx1g", "-Dzookeeper.admin.enableServer=false",
                        "-Dlogback.configurationFile=/run/logback-server.xml",
                        "-cp", "bench.jar", "org.apache.zookeeper.server.ZooKeeperServerMain", "/run/zoolog.zoo.cfg"),
                ServerLaunch.apacheZooKeeper(JAVA, List.of("-Xmx1g"), "bench.jar", LOGGING).command(CFG));
    }

    @Test
    void zoologRunsStartForegroundWithTheSameJvmOptions() {
        ZoologInstall install = new ZoologInstall(Path.of("/t/coord-server.jar"), Path.of("/t/lib"));
        assertEquals(List.of("/jdk/bin/java", "-Xmx1g", "-Dlogback.configurationFile=/run/logback-server.xml",
                        "-cp", "/t/coord-server.jar:/t/lib/*",
                        "zoolog.coord.cli.CoordServerMain", "start-foreground", "/run/zoolog.zoo.cfg"),
                ServerLaunch.zoolog(JAVA, List.of("-Xmx1g"), install, LOGGING).command(CFG));
    }

    @Test
    void theServersLoggingConfigIsWrittenIntoTheRunDirectoryAtInfo(@TempDir Path runDir) throws Exception {
        Path written = ServerLaunch.writeLoggingConfig(runDir);
        assertEquals(runDir.resolve("logback-server.xml"), written);
        String xml = Files.readString(written);
        assertTrue(xml.contains("<root level=\"INFO\">"), xml);
        assertTrue(xml.contains("<logger name=\"io.netty\" level=\"WARN\"/>"), xml);
    }

    @Test
    void zooCfgHasTheSharedKeysAndLeavesFsyncOn() {
        String cfg = ZooCfg.forRun(Path.of("/d/data"), Path.of("/d/log"), 21810, 32).render();
        assertTrue(cfg.contains("\ntickTime=2000\ndataDir=/d/data\ndataLogDir=/d/log\nclientPort=21810\n"
                + "clientPortAddress=127.0.0.1\nmaxClientCnxns=48\n4lw.commands.whitelist=ruok,srvr,stat,mntr\n"), cfg);
        assertTrue(!cfg.contains("forceSync"), cfg);
    }

    @Test
    void srvrCountsAsReadyOnlyWhenServing() {
        assertEquals(Optional.of("Zookeeper version: 3.9.3-abc, built on 2024-10-17"), ServerProcess.versionLineIfServing(
                "Zookeeper version: 3.9.3-abc, built on 2024-10-17\nLatency min/avg/max: 0/0.0/0\nMode: standalone\n"));
        assertEquals(Optional.empty(),
                ServerProcess.versionLineIfServing("This ZooKeeper instance is not currently serving requests\n"));
        assertEquals(Optional.empty(), ServerProcess.versionLineIfServing(""));
    }
}
