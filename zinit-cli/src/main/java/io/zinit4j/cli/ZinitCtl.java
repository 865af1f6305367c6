package io.zinit4j.cli;

import io.zinit4j.client.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
 * skips picocli for the sake of start-up time and gives the same results; everything else goes through picocli. The
 * jar starts {@code Main} rather than this class: starting here would load picocli's classes just to check this class
 * and to find its {@code main}.
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
        // applied by globals(), which every command calls before it makes a client (and so the first logger)
        this.debug = on;
    }

    private boolean debug;
    /** Where results go; set before the command runs. */
    PrintWriter out;
    /** What picocli parsed, made once when a command first asks; see {@link #globals()}. */
    private Globals globals;

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
        Main.main(args);
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
        return Main.execute(args, factory, env, terminal, out, err);
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

    /**
     * @return the global options as picocli parsed them, with what a command needs from them; made on first use, which
     *         comes after parsing
     */
    Globals globals() {
        if (globals == null) {
            Globals g = new Globals(factory, env, terminal);
            g.socket = socket;
            g.url = url;
            g.configDir = configDir;
            g.protocol = protocol;
            g.timeout = timeout;
            g.json = json;
            g.debug(debug);
            g.out = out;
            globals = g;
        }
        return globals;
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

    private int report(Exception e, PrintWriter err) {
        return globals().report(e, err);
    }

    private static String oneLine(String message) {
        return Globals.oneLine(message);
    }

    /** Reads an http or https URL, refusing anything else with a message that says what is wanted. */
    static final class UrlConverter implements CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                return Globals.url(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads {@code auto}, {@code legacy} and {@code json-rpc} in any case. */
    static final class ProtocolConverter implements CommandLine.ITypeConverter<Protocol> {
        @Override
        public Protocol convert(String value) {
            try {
                return Globals.protocol(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
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
