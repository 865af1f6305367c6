package io.zinit4j.testkit;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives every test a fresh, started {@link FakeZinitServer} and closes it afterwards.
 *
 * <pre>{@code
 * @ExtendWith(FakeZinitExtension.class)
 * class MyTest {
 *     @Test
 *     void monitors(FakeZinitServer zinit) { ... }
 * }
 *
 * class MyRpcTest {
 *     @RegisterExtension
 *     FakeZinitExtension zinit = FakeZinitExtension.with(b -> b.generation(Generation.JSON_RPC));
 *     @Test
 *     void lists() { zinit.server().socket(); ... }
 * }
 * }</pre>
 *
 * <p>Needs junit-jupiter-api on the test class path (an optional dependency of the test kit). Not shared between
 * tests: each test method gets its own server.
 */
public final class FakeZinitExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FakeZinitExtension.class);
    private final Consumer<FakeZinitServer.Builder> configure;
    private volatile FakeZinitServer current;

    /** A legacy fake with the defaults (what {@code @ExtendWith} uses). */
    public FakeZinitExtension() {
        this(b -> { });
    }

    private FakeZinitExtension(Consumer<FakeZinitServer.Builder> configure) {
        this.configure = configure;
    }

    /**
     * {@return an extension for {@code @RegisterExtension}}
     *
     * @param configure changes to the builder's defaults
     */
    public static FakeZinitExtension with(Consumer<FakeZinitServer.Builder> configure) {
        return new FakeZinitExtension(configure);
    }

    /**
     * {@return the server of the running test}
     *
     * @throws IllegalStateException outside a test
     */
    public FakeZinitServer server() {
        FakeZinitServer s = current;
        if (s == null) {
            throw new IllegalStateException("no test is running");
        }
        return s;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        FakeZinitServer.Builder b = FakeZinitServer.builder();
        configure.accept(b);
        FakeZinitServer s = b.build().start();
        current = s;
        context.getStore(NS).put(FakeZinitServer.class, s);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        FakeZinitServer s = context.getStore(NS).remove(FakeZinitServer.class, FakeZinitServer.class);
        current = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FakeZinitServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NS).get(FakeZinitServer.class, FakeZinitServer.class);
    }
}
