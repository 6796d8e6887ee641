package zoolog.coord.cli;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the {@link ServerLauncher} to use among those registered with {@link ServiceLoader}. A
 * normal build has exactly one (the node's); tests add fakes, so with several registered the
 * caller must name one. A missing or ambiguous launcher is an expected, explained outcome.
 */
final class Launchers {

    /** The launcher, or the one-line reason there is none. */
    record Choice(ServerLauncher launcher, String problem) {}

    private Launchers() {}

    static Choice choose(String requestedClassName) {
        List<ServiceLoader.Provider<ServerLauncher>> providers =
                ServiceLoader.load(ServerLauncher.class).stream().toList();
        String available = providers.stream().map(p -> p.type().getName()).collect(Collectors.joining(", "));
        if (requestedClassName != null) {
            return providers.stream()
                    .filter(p -> p.type().getName().equals(requestedClassName))
                    .findFirst()
                    .map(p -> new Choice(p.get(), null))
                    .orElse(new Choice(null, "no ServerLauncher " + requestedClassName + " on the class path"
                            + (providers.isEmpty() ? "" : " (found: " + available + ")")));
        }
        if (providers.isEmpty()) {
            return new Choice(null, "no ServerLauncher on the class path: this build has no coordination node");
        }
        if (providers.size() > 1) {
            return new Choice(null, "several ServerLaunchers on the class path (" + available
                    + "); choose one with --launcher");
        }
        return new Choice(providers.get(0).get(), null);
    }
}
