package io.zinit4j.testkit;

import java.util.List;
import java.util.Optional;

/**
 * The commands of zinit 0.2.14's line protocol, run on the {@link SimulatedSupervisor}: a command's words in, the
 * answer's text out, as recorded ({@code {"state":"ok","body":...}} or {@code {"state":"error","body":"..."}}, no
 * trailing newline, the server's own error texts).
 */
final class LegacyCommands {
    private final SimulatedSupervisor supervisor;

    LegacyCommands(SimulatedSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    /**
     * {@return the answer's text}
     *
     * @param split the command line split shell-style, or empty when it does not split
     */
    String answer(Optional<List<String>> split) {
        if (split.isEmpty()) {
            return error("invalid command syntax");
        }
        List<String> w = split.get();
        if (w.isEmpty()) {
            return error("unknown command");
        }
        String cmd = w.get(0);
        try {
            switch (cmd + "/" + (w.size() - 1)) {
                case "list/0":
                    return ok(supervisor.list());
                case "status/1":
                    return ok(supervisor.statusBody(w.get(1)));
                case "start/1":
                    supervisor.start(w.get(1));
                    return ok(null);
                case "stop/1":
                    supervisor.stop(w.get(1));
                    return ok(null);
                case "monitor/1":
                    supervisor.monitor(w.get(1));
                    return ok(null);
                case "forget/1":
                    supervisor.forget(w.get(1));
                    return ok(null);
                case "kill/2":
                    supervisor.kill(w.get(1), w.get(2));
                    return ok(null);
                case "shutdown/0":
                    supervisor.shutdown(false);
                    return ok(null);
                case "reboot/0":
                    supervisor.shutdown(true);
                    return ok(null);
                default:
                    return error("unknown command '" + cmd + "' or wrong arguments count");
            }
        } catch (Refusal r) {
            return error(text(r));
        }
    }

    /** {@return an error answer with the given body} */
    static String error(String message) {
        return "{\"state\":\"error\",\"body\":" + WireJson.write(message) + "}";
    }

    private static String ok(Object body) {
        return "{\"state\":\"ok\",\"body\":" + WireJson.write(body) + "}";
    }

    private static String text(Refusal r) {
        switch (r.kind()) {
            case NOT_FOUND:
                return "service name " + rustDebug(r.service()) + " unknown";
            case ALREADY_MONITORED:
                return "service " + rustDebug(r.service()) + " already monitored";
            case IS_UP:
                return "service " + rustDebug(r.service()) + " is up";
            case IS_DOWN:
                return "service " + rustDebug(r.service()) + " is down";
            case INVALID_SIGNAL:
                return "EINVAL: Invalid argument";
            case SHUTTING_DOWN:
                return "zinit is shutting down";
            case CONFIG:
            default:
                return "failed to load service config";
        }
    }

    /** Rust's {@code {:?}} of a string, which zinit uses to quote names in its error texts. */
    private static String rustDebug(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                case 0:
                    b.append("\\0");
                    break;
                default:
                    if (Character.isISOControl(c)) {
                        b.append("\\u{").append(Integer.toHexString(c)).append('}');
                    } else {
                        b.appendCodePoint(c);
                    }
            }
        });
        return b.append('"').toString();
    }
}
