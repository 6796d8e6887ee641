package zoolog.coord.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives each test class one server (kind chosen by {@link TestServers},
 * configuration from {@link WithServerConfig}) in a fresh temporary directory, and each test method
 * its own {@link ZkClients} that closes every client the test opened. Test methods and lifecycle
 * methods receive them as parameters. Servers are closed when the class finishes, through the
 * class-level store. Everything here runs on the JUnit thread.
 */
public final class TestServerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestServerExtension.class);
    private static final String SERVER_KEY = "server";
    private static final String CLIENTS_KEY = "clients";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ThirdPartyLogging.quiet();
        Class<?> testClass = context.getRequiredTestClass();
        TestServerConfig config = TestServerConfig.from(testClass.getAnnotation(WithServerConfig.class));
        Path baseDir = Files.createTempDirectory("zoolog-it-" + testClass.getSimpleName() + "-");
        TestServer server = TestServers.start(config, baseDir);
        context.getStore(NAMESPACE).put(SERVER_KEY, new Closing(server));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TestServer.class || type == ZkClients.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestServer server = server(extensionContext);
        if (parameterContext.getParameter().getType() == TestServer.class) {
            return server;
        }
        // One ZkClients per extension context: a test method gets its own, closed after the test;
        // a @BeforeAll method gets the class's, closed with the class.
        ExtensionContext.Store store = extensionContext.getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(CLIENTS_KEY, key -> new ZkClients(server), ZkClients.class);
    }

    private static TestServer server(ExtensionContext context) {
        Closing closing = context.getStore(NAMESPACE).get(SERVER_KEY, Closing.class);
        if (closing == null) {
            throw new ParameterResolutionException("no test server: is the class annotated @ExtendWith(TestServerExtension.class)?");
        }
        return closing.server;
    }

    /** Adapts a server to the store's close-on-scope-end contract. */
    private record Closing(TestServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Throwable {
            server.close();
        }
    }
}
