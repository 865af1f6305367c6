package io.zinit4j.cli;

import io.zinit4j.client.ZinitClient;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The base of every {@code zinitctl} command: the shared {@code --json} mixin, the output, and a client made on demand
 * and closed when the command ends. A command instance runs once; not thread-safe.
 */
public abstract class ClientCommand implements Callable<Integer> {
    @ParentCommand
    ZinitCtl root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    /**
     * The global options: set by the fast path of {@code list}, else taken from {@link #root} when first needed, so
     * that the fast path never touches {@link ZinitCtl} (and so picocli).
     */
    Globals globals;
    private ZinitClient client;
    private Output output;

    /** Creates the command (picocli instantiates it). */
    protected ClientCommand() {
    }

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (LinkageError e) {
            // a class missing from the jar is a broken installation; say so in one line like every other failure
            throw new IllegalStateException("broken zinitctl installation (" + e + "); rebuild the jar", e);
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    /**
     * Does the command's work.
     *
     * @return the exit code (failures are thrown and mapped by {@link ExitCodes})
     */
    protected abstract int run();

    /** {@return the client, made on first use so that commands refused early never touch the socket} */
    protected ZinitClient client() {
        if (client == null) {
            client = globals().newClient();
        }
        return client;
    }

    /** @return the global options of this run */
    Globals globals() {
        if (globals == null) {
            globals = root.globals();
        }
        return globals;
    }

    /** @return where to print */
    Output out() {
        if (output == null) {
            output = globals().output(jsonOption.json());
        }
        return output;
    }

    /**
     * {@return a usage error for this command, mapped to exit code 2; the caller throws it}
     *
     * @param message what is wrong with the command line, in words for the user
     */
    protected CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
