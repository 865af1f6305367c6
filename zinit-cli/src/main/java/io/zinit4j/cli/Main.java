package io.zinit4j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * The jar's entry point. It names no picocli type, in its signatures or its code, and neither does anything the fast
 * path of {@code list} runs: the JVM then loads no picocli class for {@code list}. picocli's Java 5 class files are
 * left out of the class-data archive, so each one it loads is read from the jar and parsed on every run; checking a
 * main class that mentions picocli (its verification, and the launcher's look-up of {@code main}, which resolves the
 * types of every public method) loads {@code CommandLine}, 72 KB of class file, and its exceptions.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs {@code zinitctl} and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Charset cs = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, cs), true);
        int code = execute(args, ClientFactory.standard(), System.getenv(), System.console() != null, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** {@link ZinitCtl}'s {@code execute}: the fast path, else picocli. */
    static int execute(String[] args, ClientFactory factory, Map<String, String> env, boolean terminal,
                       PrintWriter out, PrintWriter err) {
        Integer fast = FastPath.run(args, factory, env, terminal, out, err);
        return fast != null ? fast : ZinitCtl.executeWithPicocli(args, factory, env, terminal, out, err);
    }
}
