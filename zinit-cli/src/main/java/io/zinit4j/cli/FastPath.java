package io.zinit4j.cli;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs the commonest command line, {@code zinitctl [global options] list [--json]}, without picocli. picocli ships
 * Java 5 class files, which the JVM's class-data sharing cannot archive, so building its model costs more start-up
 * than everything else {@code list} does; a status bar or a script calling {@code list} in a loop pays it each time.
 *
 * <p>It accepts only argument shapes whose meaning is beyond doubt: each global option at most once, its value either
 * the next argument (not starting with {@code -}) or after {@code =} on a long option, then {@code list}, then at
 * most one {@code --json}. Anything else (help, an unknown or repeated option, a bad value, another command) goes to
 * picocli, which gives the usual messages. Results, errors and exit codes are the same either way (a test compares
 * them). It touches neither picocli nor {@link ZinitCtl}, so that no picocli class is loaded (see {@link Main}).
 * Stateless; safe to call from any thread.
 */
final class FastPath {
    private FastPath() {
    }

    /**
     * Runs the command line when it has a shape this path takes.
     *
     * @param args     the arguments
     * @param factory  makes the client from the global options
     * @param env      the environment
     * @param terminal whether output goes to a terminal
     * @param out      where results go
     * @param err      where errors go
     * @return the exit code, or {@code null} when picocli must handle the command line
     */
    static Integer run(String[] args, ClientFactory factory, Map<String, String> env, boolean terminal,
                       PrintWriter out, PrintWriter err) {
        Globals root = new Globals(factory, env, terminal);
        Set<String> seen = new HashSet<>();
        boolean command = false;
        boolean jsonAfter = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (command) {
                if (!a.equals("--json") || jsonAfter) {
                    return null;
                }
                jsonAfter = true;
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "-s":
                case "--socket":
                case "--url":
                case "--config-dir":
                case "--protocol":
                case "--timeout":
                    if (name.equals("-s") && value != null) {
                        return null;
                    }
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
                            return null;
                        }
                        value = args[++i];
                    }
                    String key = name.equals("-s") ? "--socket" : name;
                    if (!seen.add(key) || !root.setGlobal(key, value)) {
                        return null;
                    }
                    break;
                case "--json":
                    if (value != null || !seen.add(name)) {
                        return null;
                    }
                    root.json = true;
                    break;
                case "--debug":
                    if (value != null || !seen.add(name)) {
                        return null;
                    }
                    root.debug(true);
                    break;
                case "list":
                    command = true;
                    break;
                default:
                    return null;
            }
        }
        if (!command) {
            return null;
        }
        root.out = out;
        ListCommand list = new ListCommand();
        list.globals = root;
        list.jsonOption = new JsonOption();
        list.jsonOption.json = jsonAfter;
        try {
            return list.call();
        } catch (RuntimeException e) {
            return root.report(e, err);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
