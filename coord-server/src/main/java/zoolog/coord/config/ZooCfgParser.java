package zoolog.coord.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import zoolog.coord.config.CfgKey.Converted;

/**
 * Reads a zoo.cfg into a {@link CoordConfig}, reporting every problem at once, one line each
 * ({@code conf/zoo.cfg: clientPort: '2181 ' has a trailing space}). It runs once at the edge, on
 * the thread that starts the server, before anything else is created. Every key goes through the
 * {@link ZooCfgKeys} table; what the table cannot say alone (defaults derived from tickTime,
 * min ≤ max session timeout, the myid file, resolvable hosts, usable directories) is checked here.
 * Unknown keys are warnings, not errors, because ZooKeeper tolerates them too.
 */
public final class ZooCfgParser {

    /** Largest zoo.cfg read; real ones are a few kilobytes, so a bigger file is a mistake (a log, say). */
    public static final int CONFIG_FILE_BYTES_MAX = 1 << 20;

    private final HostResolver resolver;

    public ZooCfgParser(HostResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** A parser that resolves host names with the JVM's resolver. */
    public static ZooCfgParser withSystemResolver() {
        return new ZooCfgParser(HostResolver.system());
    }

    /** Reads and parses {@code file}; problems name the file as given. */
    public ParseResult parse(Path file) {
        String source = file.toString();
        try {
            if (Files.isDirectory(file)) {
                return failed(source, "is a directory, not a zoo.cfg file");
            }
            if (Files.size(file) > CONFIG_FILE_BYTES_MAX) {
                return failed(source, "is larger than " + CONFIG_FILE_BYTES_MAX + " bytes; is it really a zoo.cfg?");
            }
            return parse(source, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return failed(source, "cannot be read: " + DataDirs.reason(e));
        }
    }

    /** Parses zoo.cfg text; {@code source} names it in problem lines. */
    public ParseResult parse(String source, String text) {
        PropertiesLines.Parsed lines = PropertiesLines.parse(text);
        Run run = new Run(source);
        for (String problem : lines.problems()) {
            run.errors.add(new ConfigProblem(source, "", problem));
        }
        run.readEntries(lines.entries());
        return run.assemble();
    }

    private static ParseResult failed(String source, String reason) {
        return new ParseResult(Optional.empty(), List.of(), List.of(new ConfigProblem(source, "", reason)));
    }

    /** The state of one parse: values read so far and problems found so far. */
    private final class Run {
        private final String source;
        private final List<ConfigProblem> warnings = new ArrayList<>();
        private final List<ConfigProblem> errors = new ArrayList<>();
        private final Map<String, String> rawProperties = new LinkedHashMap<>();
        private final Map<CfgKey<?>, Object> values = new HashMap<>();
        private final Map<CfgKey<?>, String> writtenAs = new HashMap<>();
        private final Set<CfgKey<?>> failed = new HashSet<>();
        private final Map<Integer, ServerSpec> servers = new TreeMap<>();
        private final Map<String, Boolean> resolvable = new HashMap<>();
        private boolean serverLineFailed;

        Run(String source) {
            this.source = source;
        }

        void readEntries(List<PropertiesLines.Entry> entries) {
            Map<String, Integer> lineOf = new HashMap<>();
            for (PropertiesLines.Entry entry : entries) {
                Integer earlier = lineOf.put(entry.key(), entry.lineNumber());
                if (earlier != null) {
                    warn(entry.key(), "appears on line " + earlier + " and again on line " + entry.lineNumber()
                            + "; the last one wins");
                }
                rawProperties.put(entry.key(), entry.value());
            }
            rawProperties.forEach(this::readEntry);
        }

        private void readEntry(String key, String value) {
            Optional<CfgKey<?>> row = ZooCfgKeys.ALL.stream().filter(k -> k.matches(key)).findFirst();
            if (row.isEmpty()) {
                warn(key, "unknown key ignored");
                return;
            }
            CfgKey<?> cfgKey = row.get();
            writtenAs.put(cfgKey, key);
            String blank = blankProblem(value);
            if (blank != null) {
                fail(cfgKey, key, blank);
                return;
            }
            Converted<?> converted = cfgKey.reader().apply(value);
            for (String warning : converted.warnings()) {
                warn(key, warning);
            }
            if (!converted.ok()) {
                fail(cfgKey, key, converted.problem());
            } else if (cfgKey == ZooCfgKeys.SERVER) {
                addServer(key, (ServerLines.Address) converted.value());
            } else {
                values.put(cfgKey, converted.value());
            }
        }

        private void addServer(String key, ServerLines.Address address) {
            String idText = key.substring("server.".length());
            int id = idText.matches("[0-9]{1,3}") ? Integer.parseInt(idText) : -1;
            if (id < 0 || id > ServerSpec.SERVER_ID_MAX) {
                fail(ZooCfgKeys.SERVER, key, "'" + idText + "' is not a server id from 0 to " + ServerSpec.SERVER_ID_MAX);
                return;
            }
            if (servers.containsKey(id)) {
                fail(ZooCfgKeys.SERVER, key, "server id " + id + " is given twice");
                return;
            }
            if (!resolves(address.host())) {
                fail(ZooCfgKeys.SERVER, key, "host '" + address.host() + "' cannot be resolved");
                return;
            }
            if (!address.clientHost().isEmpty() && !resolves(address.clientHost())) {
                fail(ZooCfgKeys.SERVER, key, "client address '" + address.clientHost() + "' cannot be resolved");
                return;
            }
            for (ServerSpec other : servers.values()) {
                String clash = addressClash(other, address);
                if (clash != null) {
                    fail(ZooCfgKeys.SERVER, key, clash + " is also used by server." + other.id());
                    return;
                }
            }
            servers.put(id, new ServerSpec(id, address.host(), address.quorumPort(), address.electionPort(),
                    address.observer(), address.clientHost(), address.clientPort()));
        }

        ParseResult assemble() {
            Integer tick = valueOrDefault(ZooCfgKeys.TICK_TIME);
            Path dataDir = directory(ZooCfgKeys.DATA_DIR, null);
            Path dataLogDir = directory(ZooCfgKeys.DATA_LOG_DIR, dataDir);
            SessionTimeouts sessionTimeouts = sessionTimeouts(tick);
            int snapRetainCount = snapRetainCount();
            List<ServerSpec> ensemble = List.copyOf(servers.values());
            OptionalInt myid = myid(dataDir, ensemble);
            ServerSpec self = myid.isPresent() ? servers.get(myid.getAsInt()) : null;
            int clientPort = clientPort(self);
            InetAddress clientPortAddress = clientPortAddress(self);
            PeerType peerType = peerType(self);
            if (!errors.isEmpty()) {
                return new ParseResult(Optional.empty(), warnings, errors);
            }
            CoordConfig config = new CoordConfig(
                    tick, dataDir, dataLogDir, clientPortAddress, clientPort,
                    sessionTimeouts.minMillis(), sessionTimeouts.maxMillis(),
                    valueOrDefault(ZooCfgKeys.MAX_CLIENT_CNXNS),
                    valueOrDefault(ZooCfgKeys.FOUR_LETTER_WORD_WHITELIST),
                    valueOrDefault(ZooCfgKeys.AUTOPURGE_PURGE_INTERVAL), snapRetainCount,
                    valueOrDefault(ZooCfgKeys.JUTE_MAXBUFFER), valueOrDefault(ZooCfgKeys.SNAP_COUNT),
                    valueOrDefault(ZooCfgKeys.INIT_LIMIT), valueOrDefault(ZooCfgKeys.SYNC_LIMIT),
                    ensemble, peerType, myid,
                    valueOrDefault(ZooCfgKeys.EXTENDED_TYPES_ENABLED),
                    valueOrDefault(ZooCfgKeys.RECONFIG_ENABLED),
                    valueOrDefault(ZooCfgKeys.STANDALONE_ENABLED),
                    rawProperties);
            return new ParseResult(Optional.of(config), warnings, errors);
        }

        /** An absolute, usable directory, or null (with the problem recorded). */
        private Path directory(CfgKey<Path> key, Path fallback) {
            Path given = given(key);
            if (given == null) {
                if (key == ZooCfgKeys.DATA_DIR && !failed.contains(key)) {
                    fail(key, key.name(), "missing (required)");
                }
                return fallback;
            }
            Path absolute = given.toAbsolutePath().normalize();
            String problem = DataDirs.ensureWritableDirectory(absolute);
            if (problem != null) {
                fail(key, nameOf(key), problem);
                return null;
            }
            return absolute;
        }

        /** The session timeout bounds; derived from tickTime when absent, as ZooKeeper does. */
        private SessionTimeouts sessionTimeouts(Integer tick) {
            Integer min = given(ZooCfgKeys.MIN_SESSION_TIMEOUT);
            Integer max = given(ZooCfgKeys.MAX_SESSION_TIMEOUT);
            boolean minKnown = min != null || (tick != null && !failed.contains(ZooCfgKeys.MIN_SESSION_TIMEOUT));
            boolean maxKnown = max != null || (tick != null && !failed.contains(ZooCfgKeys.MAX_SESSION_TIMEOUT));
            if (!minKnown || !maxKnown) {
                return new SessionTimeouts(0, 0);
            }
            int effectiveMin = min != null ? min : 2 * tick;
            int effectiveMax = max != null ? max : 20 * tick;
            if (effectiveMin > effectiveMax) {
                String minText = effectiveMin + (min != null ? "" : " (2 × tickTime)");
                String maxText = effectiveMax + (max != null ? "" : " (20 × tickTime)");
                CfgKey<Integer> blamed = max != null ? ZooCfgKeys.MAX_SESSION_TIMEOUT : ZooCfgKeys.MIN_SESSION_TIMEOUT;
                fail(blamed, blamed.name(), "minSessionTimeout " + minText + " is greater than maxSessionTimeout " + maxText);
            }
            return new SessionTimeouts(effectiveMin, effectiveMax);
        }

        private int snapRetainCount() {
            Integer count = valueOrDefault(ZooCfgKeys.AUTOPURGE_SNAP_RETAIN_COUNT);
            if (count != null && count < ZooCfgKeys.SNAP_RETAIN_COUNT_MIN) {
                warn(ZooCfgKeys.AUTOPURGE_SNAP_RETAIN_COUNT.name(), count + " is below the minimum "
                        + ZooCfgKeys.SNAP_RETAIN_COUNT_MIN + "; using " + ZooCfgKeys.SNAP_RETAIN_COUNT_MIN);
                return ZooCfgKeys.SNAP_RETAIN_COUNT_MIN;
            }
            return count == null ? 0 : count;
        }

        private OptionalInt myid(Path dataDir, List<ServerSpec> ensemble) {
            if (ensemble.isEmpty() || dataDir == null) {
                return OptionalInt.empty();
            }
            if (ensemble.stream().allMatch(ServerSpec::observer)) {
                fail(ZooCfgKeys.SERVER, "server.N", "every server is an observer; at least one must be a participant");
            }
            DataDirs.MyId myid = DataDirs.readMyId(dataDir);
            if (myid.problem() != null) {
                errors.add(new ConfigProblem(source, DataDirs.MYID_FILE, myid.problem()));
                return OptionalInt.empty();
            }
            if (!servers.containsKey(myid.id())) {
                if (!serverLineFailed) {
                    errors.add(new ConfigProblem(source, DataDirs.MYID_FILE, "this server's id is " + myid.id() + " (from "
                            + dataDir.resolve(DataDirs.MYID_FILE) + ") but there is no server." + myid.id() + " line"));
                }
                return OptionalInt.empty();
            }
            return OptionalInt.of(myid.id());
        }

        private int clientPort(ServerSpec self) {
            Integer port = given(ZooCfgKeys.CLIENT_PORT);
            boolean fromServerLine = self != null && self.hasClientPort();
            if (port != null && fromServerLine && port != self.clientPort()) {
                fail(ZooCfgKeys.CLIENT_PORT, ZooCfgKeys.CLIENT_PORT.name(), port + " differs from the client port "
                        + self.clientPort() + " in server." + self.id());
            }
            if (port != null) {
                return port;
            }
            if (fromServerLine) {
                return self.clientPort();
            }
            if (!failed.contains(ZooCfgKeys.CLIENT_PORT) && (servers.isEmpty() || self != null)) {
                fail(ZooCfgKeys.CLIENT_PORT, ZooCfgKeys.CLIENT_PORT.name(),
                        "missing (required unless this server's server.N line ends with ;clientPort)");
            }
            return 0;
        }

        private InetAddress clientPortAddress(ServerSpec self) {
            String host = given(ZooCfgKeys.CLIENT_PORT_ADDRESS);
            String key = ZooCfgKeys.CLIENT_PORT_ADDRESS.name();
            if (host == null && self != null && !self.clientHost().isEmpty()) {
                host = self.clientHost();
                key = "server." + self.id();
            }
            if (host == null) {
                host = ZooCfgKeys.CLIENT_PORT_ADDRESS.defaultValue();
            }
            Optional<InetAddress> address = resolver.resolve(host);
            if (address.isEmpty()) {
                fail(ZooCfgKeys.CLIENT_PORT_ADDRESS, key, "host '" + host + "' cannot be resolved");
                return null;
            }
            return address.get();
        }

        private PeerType peerType(ServerSpec self) {
            PeerType written = given(ZooCfgKeys.PEER_TYPE);
            if (self == null) {
                if (written == PeerType.OBSERVER && servers.isEmpty()) {
                    warn(ZooCfgKeys.PEER_TYPE.name(), "observer has no effect without server.N lines");
                }
                return written != null ? written : PeerType.PARTICIPANT;
            }
            if (written != null && written != self.peerType()) {
                warn(ZooCfgKeys.PEER_TYPE.name(), written.configName() + " does not match server." + self.id() + " ("
                        + self.peerType().configName() + "); using " + self.peerType().configName());
            }
            return self.peerType();
        }

        private boolean resolves(String host) {
            return resolvable.computeIfAbsent(host, h -> resolver.resolve(h).isPresent());
        }

        @SuppressWarnings("unchecked")
        private <T> T given(CfgKey<T> key) {
            return (T) values.get(key);
        }

        /** The written value, else the table's literal default, else null (derived, required or failed). */
        private <T> T valueOrDefault(CfgKey<T> key) {
            T value = given(key);
            if (value != null || failed.contains(key) || key.defaultValue() == null) {
                return value;
            }
            Converted<T> byDefault = key.reader().apply(key.defaultValue());
            if (!byDefault.ok()) {
                throw new IllegalStateException("default of " + key.name() + " does not parse: " + byDefault.problem());
            }
            return byDefault.value();
        }

        private String nameOf(CfgKey<?> key) {
            return writtenAs.getOrDefault(key, key.name());
        }

        private void fail(CfgKey<?> key, String writtenKey, String reason) {
            if (key == ZooCfgKeys.SERVER) {
                serverLineFailed = true;
            }
            failed.add(key);
            errors.add(new ConfigProblem(source, writtenKey, reason));
        }

        private void warn(String key, String reason) {
            warnings.add(new ConfigProblem(source, key, reason));
        }
    }

    private record SessionTimeouts(int minMillis, int maxMillis) {}

    private static String addressClash(ServerSpec other, ServerLines.Address address) {
        if (!other.host().equals(address.host())) {
            return null;
        }
        Set<Integer> otherPorts = Set.of(other.quorumPort(), other.electionPort());
        if (otherPorts.contains(address.quorumPort())) {
            return "address " + address.host() + ":" + address.quorumPort();
        }
        if (otherPorts.contains(address.electionPort())) {
            return "address " + address.host() + ":" + address.electionPort();
        }
        return null;
    }

    /**
     * Seed 001 blames a blank after a port for ZooKeeper's "Address unresolved: cdh1:3888 ".
     * ZooKeeper trims ASCII blanks, but not the non-breaking or full-width spaces that web pages and
     * Chinese input methods leave behind, and those are invisible in an error message. Zoolog names
     * any blank at either end of a value (Properties already drops leading ASCII ones), with its
     * code point when it is not a plain space or tab.
     */
    private static String blankProblem(String value) {
        if (value.isEmpty()) {
            return null;
        }
        char last = value.charAt(value.length() - 1);
        if (isBlank(last)) {
            return "'" + value + "' has a trailing " + describeBlank(last);
        }
        char first = value.charAt(0);
        return isBlank(first) ? "'" + value + "' has a leading " + describeBlank(first) : null;
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static String describeBlank(char blank) {
        return switch (blank) {
            case ' ' -> "space";
            case '\t' -> "tab";
            case '\u00A0' -> "non-breaking space (U+00A0)";
            case '\u3000' -> "full-width space (U+3000)";
            default -> String.format("blank (U+%04X)", (int) blank);
        };
    }
}
