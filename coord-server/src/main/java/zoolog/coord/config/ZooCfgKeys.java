package zoolog.coord.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import zoolog.coord.config.CfgKey.Converted;

/**
 * The table of zoo.cfg keys Zoolog understands: name, default, reader and doc line in one place.
 * {@link ZooCfgParser} reads every key through this table, and {@link ZooCfgReference} renders it
 * as {@code docs/reference/zoo-cfg.md}, so the documentation cannot drift from the code. Defaults
 * are ZooKeeper's, so a zoo.cfg written for ZooKeeper means the same thing here.
 */
public final class ZooCfgKeys {

    /** The four-letter words a whitelist may name (ZooKeeper 3.9's set). */
    public static final Set<String> FOUR_LETTER_WORDS = Set.of(
            "conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "hash", "isro", "mntr", "ruok",
            "srst", "srvr", "stat", "stmk", "wchc", "wchp", "wchs");

    public static final CfgKey<Integer> TICK_TIME = key("tickTime", "3000", "tickTimeMillis",
            ValueReaders.intAtLeast(1),
            "The basic time unit in milliseconds; heartbeats, session timeout bounds, initLimit and syncLimit count in ticks.");

    public static final CfgKey<Path> DATA_DIR = required("dataDir", "dataDir", ValueReaders.path(),
            "Directory for snapshots, the myid file and the pid file; created if missing. Relative paths resolve against the working directory.");

    public static final CfgKey<Path> DATA_LOG_DIR = derived("dataLogDir", "value of dataDir", "dataLogDir",
            ValueReaders.path(),
            "Directory for the transaction log; put it on its own disk for low write latency. Created if missing.");

    public static final CfgKey<Integer> CLIENT_PORT = derived("clientPort",
            "required, unless this server's server.N line has a client port", "clientPort", ValueReaders.port(),
            "TCP port clients connect to (1-65535).");

    public static final CfgKey<String> CLIENT_PORT_ADDRESS = key("clientPortAddress", "0.0.0.0",
            "clientPortAddress", ValueReaders.host(),
            "Address the client port binds to; the default listens on all interfaces.");

    public static final CfgKey<Integer> MIN_SESSION_TIMEOUT = derived("minSessionTimeout", "2 × tickTime",
            "sessionTimeoutMillisMin", ValueReaders.intAtLeast(1),
            "Smallest session timeout in milliseconds a client may get; smaller requests are raised to it.");

    public static final CfgKey<Integer> MAX_SESSION_TIMEOUT = derived("maxSessionTimeout", "20 × tickTime",
            "sessionTimeoutMillisMax", ValueReaders.intAtLeast(1),
            "Largest session timeout in milliseconds a client may get; larger requests are lowered to it.");

    public static final CfgKey<Integer> MAX_CLIENT_CNXNS = key("maxClientCnxns", "60",
            "clientConnectionsPerHostMax", ValueReaders.intAtLeast(0),
            "Concurrent connections one client IP address may hold; 0 means no limit.");

    public static final CfgKey<Set<String>> FOUR_LETTER_WORD_WHITELIST = key("4lw.commands.whitelist", "srvr",
            "fourLetterWordWhitelist", ValueReaders.fourLetterWords(FOUR_LETTER_WORDS),
            "Comma-separated four-letter words the client port answers (e.g. stat, ruok, conf); * enables all; srvr is always on.");

    public static final CfgKey<Integer> AUTOPURGE_PURGE_INTERVAL = key("autopurge.purgeInterval", "0",
            "autopurgeIntervalHours", ValueReaders.intAtLeast(0),
            "Hours between purges of old snapshots and transaction logs; 0 turns purging off.");

    public static final CfgKey<Integer> AUTOPURGE_SNAP_RETAIN_COUNT = key("autopurge.snapRetainCount", "3",
            "autopurgeSnapRetainCount", ValueReaders.intAtLeast(1),
            "Snapshots (and the logs they need) a purge keeps; values below 3 are raised to 3 with a warning.");

    public static final CfgKey<Integer> JUTE_MAXBUFFER = key("jute.maxbuffer", "1048575",
            "juteBufferBytesMax", ValueReaders.intOrHexAtLeast(1),
            "Largest request or reply in bytes (decimal or 0x hex; default 0xfffff); bounds znode data size. Clients enforce their own copy of this limit.");

    public static final CfgKey<Integer> SNAP_COUNT = key("snapCount", "100000", "snapCount",
            ValueReaders.intAtLeast(2),
            "Transactions logged between snapshots.");

    public static final CfgKey<Integer> INIT_LIMIT = key("initLimit", "10", "initLimitTicks",
            ValueReaders.intAtLeast(1),
            "Ticks a follower may take to connect to the leader and finish syncing.");

    public static final CfgKey<Integer> SYNC_LIMIT = key("syncLimit", "5", "syncLimitTicks",
            ValueReaders.intAtLeast(1),
            "Ticks a follower may fall behind the leader before the leader drops it.");

    public static final CfgKey<ServerLines.Address> SERVER = new CfgKey<>("server.N", List.of(), null, "(none: standalone)",
            "servers", ServerLines.reader(),
            "Ensemble member N (0-255): " + ServerLines.FORM + ". Needs a myid file in dataDir.");

    public static final CfgKey<PeerType> PEER_TYPE = key("peerType", "participant", "peerType",
            ValueReaders.peerType(),
            "participant or observer; the role in this server's own server.N line wins if they differ.");

    public static final CfgKey<Boolean> EXTENDED_TYPES_ENABLED = new CfgKey<>("extendedTypesEnabled",
            List.of("zookeeper.extendedTypesEnabled"), "false", "false", "extendedTypesEnabled", ValueReaders.bool(),
            "Allow TTL znodes (create -t); off by default as in ZooKeeper.");

    public static final CfgKey<Boolean> RECONFIG_ENABLED = key("reconfigEnabled", "false", "reconfigEnabled",
            ValueReaders.bool(),
            "Allow the reconfig operation to change the ensemble at run time.");

    public static final CfgKey<Boolean> STANDALONE_ENABLED = key("standaloneEnabled", "true", "standaloneEnabled",
            ValueReaders.bool(),
            "Run standalone when the ensemble has a single participant; false makes even one server a quorum member.");

    /** Every row, in the order the reference lists them. */
    public static final List<CfgKey<?>> ALL = List.of(
            TICK_TIME, DATA_DIR, DATA_LOG_DIR, CLIENT_PORT, CLIENT_PORT_ADDRESS,
            MIN_SESSION_TIMEOUT, MAX_SESSION_TIMEOUT, MAX_CLIENT_CNXNS, FOUR_LETTER_WORD_WHITELIST,
            AUTOPURGE_PURGE_INTERVAL, AUTOPURGE_SNAP_RETAIN_COUNT, JUTE_MAXBUFFER, SNAP_COUNT,
            INIT_LIMIT, SYNC_LIMIT, SERVER, PEER_TYPE, EXTENDED_TYPES_ENABLED, RECONFIG_ENABLED,
            STANDALONE_ENABLED);

    /** Smallest autopurge.snapRetainCount that takes effect; ZooKeeper raises smaller values to it. */
    public static final int SNAP_RETAIN_COUNT_MIN = 3;

    private ZooCfgKeys() {}

    private static <T> CfgKey<T> key(String name, String defaultValue, String field,
                                     Function<String, Converted<T>> reader, String doc) {
        return new CfgKey<>(name, List.of(), defaultValue, defaultValue, field, reader, doc);
    }

    private static <T> CfgKey<T> required(String name, String field, Function<String, Converted<T>> reader, String doc) {
        return new CfgKey<>(name, List.of(), null, "required", field, reader, doc);
    }

    private static <T> CfgKey<T> derived(String name, String defaultDoc, String field,
                                         Function<String, Converted<T>> reader, String doc) {
        return new CfgKey<>(name, List.of(), null, defaultDoc, field, reader, doc);
    }
}
