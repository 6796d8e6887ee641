package zoolog.coord.net;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import zoolog.coord.admin.CoreStats;
import zoolog.coord.admin.FourLetterWhitelist;
import zoolog.coord.admin.FourLetterWord;
import zoolog.coord.admin.FourLetterWordFormats;
import zoolog.coord.admin.HostProbe;
import zoolog.coord.admin.ServerInfo;
import zoolog.coord.admin.SessionDump;
import zoolog.coord.admin.SortedCopies;
import zoolog.coord.admin.WatchSummary;
import zoolog.coord.core.CoreView;

/**
 * Answers a four-letter word: checks the whitelist, gathers the state the command prints (core
 * state through a query on the core thread, network counters from the registry, host facts from
 * {@link HostProbe}) and formats it with {@link FourLetterWordFormats}. Formatting and counter
 * snapshots run on the {@code executor} given per call, the asking channel's event loop, so the
 * core thread only copies data. When the core has stopped, commands that need it answer with
 * ZooKeeper's "not currently serving" text.
 */
public final class FourLetterWordRunner {

    private final CoreGateway core;
    private final ConnectionRegistry registry;
    private final ServerInfo server;
    private final FourLetterWhitelist whitelist;
    private final Clock clock;

    public FourLetterWordRunner(
            CoreGateway core, ConnectionRegistry registry, ServerInfo server, FourLetterWhitelist whitelist, Clock clock) {
        this.core = core;
        this.registry = registry;
        this.server = server;
        this.whitelist = whitelist;
        this.clock = clock;
    }

    /** The full text to write back before closing; never fails. */
    public CompletableFuture<String> run(FourLetterWord word, Executor executor) {
        if (!whitelist.isEnabled(word)) {
            return CompletableFuture.completedFuture(FourLetterWordFormats.rejected(word));
        }
        return switch (word) {
            case RUOK -> CompletableFuture.completedFuture(FourLetterWordFormats.ruok());
            case ENVI -> CompletableFuture.completedFuture(
                    FourLetterWordFormats.envi(HostProbe.environment(server.fullVersion())));
            case CONF -> CompletableFuture.supplyAsync(() -> FourLetterWordFormats.conf(server,
                    HostProbe.directorySizeBytes(server.dataDir()), HostProbe.directorySizeBytes(server.dataLogDir())),
                    executor);
            case DIRS -> CompletableFuture.supplyAsync(() -> FourLetterWordFormats.dirs(
                    HostProbe.directorySizeBytes(server.dataDir()), HostProbe.directorySizeBytes(server.dataLogDir())),
                    executor);
            case ISRO -> core.query(view -> Boolean.TRUE)
                    .thenApply(serving -> FourLetterWordFormats.isro())
                    .exceptionally(failure -> FourLetterWordFormats.isroNotServing());
            case SRVR -> ask(CoreStats::capture, stats ->
                    FourLetterWordFormats.srvr(server, stats, registry.snapshot()), executor);
            case STAT -> ask(CoreStats::capture, stats ->
                    FourLetterWordFormats.stat(server, stats, registry.snapshot()), executor);
            case CONS -> ask(CoreStats::capture, stats ->
                    FourLetterWordFormats.cons(stats, registry.snapshot()), executor);
            case MNTR -> ask(CoreStats::capture, stats -> FourLetterWordFormats.mntr(
                    server, stats, registry.snapshot(), HostProbe.fileDescriptors(), clock.millis()), executor);
            case CRST -> ask(FourLetterWordRunner::resetConnectionStats, done -> {
                registry.resetConnectionCounters();
                return FourLetterWordFormats.crst();
            }, executor);
            case SRST -> ask(FourLetterWordRunner::resetServerStats, done -> {
                registry.resetServerCounters();
                return FourLetterWordFormats.srst();
            }, executor);
            case DUMP -> ask(SessionDump::capture, dump -> FourLetterWordFormats.dump(dump, clock.getZone()), executor);
            case WCHS -> ask(WatchSummary::capture, FourLetterWordFormats::wchs, executor);
            case WCHC -> ask(view -> SortedCopies.of(view.watchesBySession()), FourLetterWordFormats::wchc, executor);
            case WCHP -> ask(view -> SortedCopies.of(view.watchesByPath()), FourLetterWordFormats::wchp, executor);
        };
    }

    private <T> CompletableFuture<String> ask(
            Function<CoreView, T> capture, Function<T, String> format, Executor executor) {
        return core.query(capture)
                .thenApplyAsync(format, executor)
                .exceptionally(failure -> FourLetterWordFormats.NOT_SERVING);
    }

    private static Boolean resetConnectionStats(CoreView view) {
        view.resetConnectionStats();
        return Boolean.TRUE;
    }

    private static Boolean resetServerStats(CoreView view) {
        view.resetLatency();
        return Boolean.TRUE;
    }
}
