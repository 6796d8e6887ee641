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
                ServerLaunch.apacheZooKeeper(JAVA, List.of("-Xmx1g"), "bench.jar", LOGGING, false).command(CFG));
    }

    @Test
    void anApacheZooKeeperEnsembleMemberRunsQuorumPeerMain() {
        assertEquals("org.apache.zookeeper.server.quorum.QuorumPeerMain",
                ServerLaunch.apacheZooKeeper(JAVA, List.of(), "bench.jar", LOGGING, true).mainClass());
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
    void anEnsembleMembersZooCfgNamesEveryMemberAndTheQuorumLimits() {
        String cfg = ZooCfg.forMember(Path.of("/d/data"), Path.of("/d/log"), 21811, 32,
                List.of(new ZooCfg.Peer(1, 21910, 21911), new ZooCfg.Peer(2, 21912, 21913))).render();
        assertTrue(cfg.contains("\nclientPort=21811\n"), cfg);
        assertTrue(cfg.endsWith("\ninitLimit=10\nsyncLimit=5\nserver.1=127.0.0.1:21910:21911\n"
                + "server.2=127.0.0.1:21912:21913\n"), cfg);
        String standalone = ZooCfg.forRun(Path.of("/d/data"), Path.of("/d/log"), 21810, 32).render();
        assertTrue(!standalone.contains("server.") && !standalone.contains("initLimit"), standalone);
    }

    @Test
    void srvrModeIsReadFromItsLine() {
        assertEquals(Optional.of("leader"), ServerProcess.modeOf("Zookeeper version: 3.9.3\nZxid: 0x1\nMode: leader\nNode count: 5\n"));
        assertEquals(Optional.of("follower"), ServerProcess.modeOf("Mode: Follower\n"));
        assertEquals(Optional.empty(), ServerProcess.modeOf("This ZooKeeper instance is not currently serving requests\n"));
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
