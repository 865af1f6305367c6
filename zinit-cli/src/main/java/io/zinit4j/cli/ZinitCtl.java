package io.zinit4j.cli;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.LinkedHashMap;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zinitctl}: the command line for zinit. The root command holds the global options; each operation is a
 * subcommand class of its own. Global options come before the command name ({@code zinitctl -s /run/zinit.sock
 * list}); {@code --json} may come before or after it.
 *
 * <p>Embed it with {@link #commandLine}, which takes the {@link ClientFactory}, the environment and whether output goes
 * to a terminal, so that it can be driven entirely in memory. An instance runs one command line; not thread-safe.
 *
 * <p>{@link #main} sends the commonest command line, {@code list} with global options, through {@code FastPath}, which
 * skips picocli for the sake of start-up time and gives the same results; everything else goes through picocli.
 */
@Command(name = "zinitctl", mixinStandardHelpOptions = true, versionProvider = ZinitCtl.VersionProvider.class,
        description = "Control the zinit process supervisor.",
        footer = ExitCodes.HELP_FOOTER)
public final class ZinitCtl implements Callable<Integer> {
    /**
     * Every command, in help order. Registered by hand rather than in {@code @Command(subcommands)} so that a run
     * builds the picocli model of only the command it runs: reflecting over all of them is a large part of start-up.
     */
    static final Map<String, Class<? extends ClientCommand>> COMMANDS = commands();
    /** Global options that take a value, to find the command name in the arguments. */
    private static final Set<String> VALUED_OPTIONS = Set.of("-s", "--socket", "--url", "--config-dir", "--protocol",
            "--timeout");

    private final ClientFactory factory;
    private final Map<String, String> env;
    private final boolean terminal;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-s", "--socket"}, paramLabel = "PATH",
            description = "zinit's socket (default: $ZINIT_SOCKET, else /var/run/zinit.sock or /tmp/zinit.sock, "
                    + "whichever exists).")
    Path socket;

    @Option(names = "--url", paramLabel = "URL", converter = UrlConverter.class,
            description = "zinit's HTTP server instead of its socket, e.g. http://127.0.0.1:8080 (zinit 0.2.15 and "
                    + "later, started with system_start_http_server). It has no authentication: reach it only "
                    + "through a tunnel or an authenticating proxy.")
    URI url;

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "zinit's config directory, for service files on servers before 0.2.15 "
                    + "(default: $ZINIT_CONFIG_DIR, else /etc/zinit).")
    Path configDir;

    @Option(names = "--protocol", paramLabel = "auto|legacy|json-rpc", converter = ProtocolConverter.class,
            defaultValue = "auto", description = "Protocol generation to speak (default: ${DEFAULT-VALUE}, detected).")
    Protocol protocol = Protocol.AUTO;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Connect and read timeout of each request (default: 5s connect, 30s read).")
    Duration timeout;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Option(names = "--debug", description = "Log at debug level and print stack traces of errors.")
    void debug(boolean on) {
        this.debug = on;
        if (on) {
            // slf4j-simple reads this when its first logger is made, which happens after parsing
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
    }

    private boolean debug;
    /** Where results go; set before the command runs. */
    PrintWriter out;

    /**
     * Creates the command line; tests pass a factory of clients to a fake zinit and an environment of their own.
     *
     * @param factory  makes the client from the global options
     * @param env      the environment ({@code ZINIT_CONFIG_DIR}, {@code NO_COLOR})
     * @param terminal whether standard output is a terminal (colours are used only then)
     */
    public ZinitCtl(ClientFactory factory, Map<String, String> env, boolean terminal) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.terminal = terminal;
    }

    /**
     * Runs {@code zinitctl} and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Charset cs = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true);
        int code = execute(args, ClientFactory.standard(), System.getenv(), System.console() != null, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs one command line, building only the command it names (all of them for help and errors).
     *
     * @param args     the arguments
     * @param factory  makes the client from the global options
     * @param env      the environment
     * @param terminal whether output goes to a terminal
     * @param out      where results go
     * @param err      where errors go
     * @return the exit code
     */
    static int execute(String[] args, ClientFactory factory, Map<String, String> env, boolean terminal,
                       PrintWriter out, PrintWriter err) {
        Integer fast = FastPath.run(args, factory, env, terminal, out, err);
        return fast != null ? fast : executeWithPicocli(args, factory, env, terminal, out, err);
    }

    /** {@link #execute} without the fast path: every command line through picocli (tests compare the two). */
    static int executeWithPicocli(String[] args, ClientFactory factory, Map<String, String> env, boolean terminal,
                                  PrintWriter out, PrintWriter err) {
        CommandLine cl = bare(factory, env, terminal);
        String command = commandName(args);
        if (command != null) {
            cl.addSubcommand(command, instantiate(COMMANDS.get(command)));
        } else {
            addAll(cl);
        }
        configure(cl, out, err);
        return cl.execute(args);
    }

    /**
     * {@return the command named in the arguments when it is known and no root-level help or version is asked for;
     * otherwise {@code null}}
     */
    static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return i + 1 < args.length && COMMANDS.containsKey(args[i + 1]) ? args[i + 1] : null;
            }
            if (a.startsWith("-")) {
                if (VALUED_OPTIONS.contains(a)) {
                    i++;
                } else if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                    return null;
                }
                continue;
            }
            return COMMANDS.containsKey(a) ? a : null;
        }
        return null;
    }

    private static Map<String, Class<? extends ClientCommand>> commands() {
        Map<String, Class<? extends ClientCommand>> m = new LinkedHashMap<>();
        m.put("list", ListCommand.class);
        m.put("status", StatusCommand.class);
        m.put("start", StartCommand.class);
        m.put("stop", StopCommand.class);
        m.put("restart", RestartCommand.class);
        m.put("kill", KillCommand.class);
        m.put("monitor", MonitorCommand.class);
        m.put("forget", ForgetCommand.class);
        m.put("log", LogCommand.class);
        m.put("add", AddCommand.class);
        m.put("get", GetCommand.class);
        m.put("remove", RemoveCommand.class);
        m.put("find", FindCommand.class);
        m.put("wait", WaitCommand.class);
        m.put("stats", StatsCommand.class);
        m.put("apply", ApplyCommand.class);
        m.put("tree", TreeCommand.class);
        m.put("group", GroupCommand.class);
        m.put("watch", WatchCommand.class);
        m.put("version", VersionCommand.class);
        m.put("shutdown", ShutdownCommand.class);
        m.put("reboot", RebootCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static ClientCommand instantiate(Class<? extends ClientCommand> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create command " + type.getName(), e);
        }
    }

    private static void addAll(CommandLine cl) {
        COMMANDS.forEach((name, type) -> cl.addSubcommand(name, instantiate(type)));
    }

    private static CommandLine bare(ClientFactory factory, Map<String, String> env, boolean terminal) {
        return new CommandLine(new ZinitCtl(factory, env, terminal));
    }

    private static void configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        ZinitCtl root = cl.getCommand();
        root.out = out;
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(root::onUsageError);
        cl.setExecutionExceptionHandler(root::onFailure);
        cl.setExitCodeExceptionMapper(ExitCodes::of);
    }

    /**
     * A ready command line with every command: exit codes mapped, errors printed as one line on {@code err}.
     *
     * @param factory  makes the client from the global options
     * @param env      the environment
     * @param terminal whether output goes to a terminal
     * @param out      where results go
     * @param err      where errors go
     * @return the command line; call {@link CommandLine#execute} once
     */
    public static CommandLine commandLine(ClientFactory factory, Map<String, String> env, boolean terminal,
                                          PrintWriter out, PrintWriter err) {
        CommandLine cl = bare(factory, env, terminal);
        addAll(cl);
        configure(cl, out, err);
        return cl;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** {@return the global options with the environment's defaults applied} */
    GlobalOptions options() {
        Path dir = configDir;
        String envDir = env.get("ZINIT_CONFIG_DIR");
        if (dir == null && envDir != null && !envDir.isBlank()) {
            dir = Path.of(envDir);
        }
        if (socket != null && url != null) {
            throw new IllegalArgumentException("use either -s/--socket or --url, not both");
        }
        // checked here although the client's builder checks them too: its messages name builder methods and enum
        // constants (connectTimeout, Protocol.JSON_RPC) that a user of zinitctl never typed
        if (url != null && protocol == Protocol.LEGACY) {
            throw new IllegalArgumentException("--url needs --protocol auto or json-rpc: the legacy protocol "
                    + "(zinit 0.2.14 and earlier) has no HTTP server");
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("--timeout must be more than zero");
        }
        return new GlobalOptions(socket, url, dir, protocol, timeout, debug);
    }

    /** {@return the time source of waits, the one the clients of the factory use} */
    io.zinit4j.client.lifecycle.LifecycleClock clock() {
        return factory.clock();
    }

    ZinitClient newClient() {
        return factory.create(options());
    }

    Output output(boolean jsonAfterCommand) {
        boolean colour = terminal && !env.containsKey("NO_COLOR");
        return new Output(out, json || jsonAfterCommand, colour);
    }

    /** Prints a usage error as one line naming the command, with where to find its help; {@code args} is unused. */
    private int onUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        cl.getErr().println(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')");
        cl.getErr().flush();
        return ExitCodes.USAGE;
    }

    private int onFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (e instanceof CommandLine.ParameterException) {
            return onUsageError((CommandLine.ParameterException) e, null);
        }
        return report(e, cl.getErr());
    }

    /**
     * Prints a failure of a command as one line (and its stack trace with {@code --debug}).
     *
     * @return the exit code for it
     */
    int report(Exception e, PrintWriter err) {
        err.println("zinitctl: " + oneLine(FailureText.of(e)));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(e);
    }

    /** Errors are one line, so that scripts can grep them; multi-line messages (regex errors) are joined. */
    private static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Sets a global option that takes a value, as picocli would, for {@link FastPath}.
     *
     * @param name  the option's long name
     * @param value its value
     * @return false when the value is bad or the option unknown (picocli then reports it)
     */
    boolean setGlobal(String name, String value) {
        try {
            switch (name) {
                case "--socket":
                    socket = Path.of(value);
                    return true;
                case "--url":
                    url = new UrlConverter().convert(value);
                    return true;
                case "--config-dir":
                    configDir = Path.of(value);
                    return true;
                case "--protocol":
                    protocol = new ProtocolConverter().convert(value);
                    return true;
                case "--timeout":
                    timeout = DurationConverter.parse(value);
                    return true;
                default:
                    return false;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Reads an http or https URL, refusing anything else with a message that says what is wanted. */
    static final class UrlConverter implements CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI u;
            try {
                u = new URI(value.strip());
            } catch (java.net.URISyntaxException e) {
                throw new CommandLine.TypeConversionException("not a URL: '" + value + "' (" + e.getReason() + ")");
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new CommandLine.TypeConversionException("expected http://HOST:PORT or https://..., got '"
                        + value + "'");
            }
            return u;
        }
    }

    /** Reads {@code auto}, {@code legacy} and {@code json-rpc} in any case. */
    static final class ProtocolConverter implements CommandLine.ITypeConverter<Protocol> {
        @Override
        public Protocol convert(String value) {
            switch (value.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
                case "auto":
                    return Protocol.AUTO;
                case "legacy":
                    return Protocol.LEGACY;
                case "json-rpc":
                case "jsonrpc":
                    return Protocol.JSON_RPC;
                default:
                    throw new CommandLine.TypeConversionException("'" + value
                            + "' is not a protocol (auto, legacy, json-rpc)");
            }
        }
    }

    /** Our own version, from the jar's manifest or the filtered resource beside the classes. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"zinitctl " + clientVersion()};
        }
    }

    /** {@return the version of zinit4j this command line belongs to} */
    static String clientVersion() {
        String v = ZinitCtl.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = ZinitCtl.class.getResourceAsStream("zinitctl-version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: the version is informational
        }
        return "unknown";
    }
}
