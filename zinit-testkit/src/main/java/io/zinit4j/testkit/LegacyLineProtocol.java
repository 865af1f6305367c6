package io.zinit4j.testkit;

import io.zinit4j.model.ShellWords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * zinit 0.2.14's wire format: one command line per connection, one answer, then the server closes its side; {@code
 * log} and {@code log snapshot} send the log buffer instead (and {@code log} then follows it).
 */
final class LegacyLineProtocol implements WireProtocol {
    private static final int MAX_LINE = 1024 * 1024;

    private final LegacyCommands commands;
    private final LogBuffer logs;
    private final RequestRecorder recorder;
    private final FaultQueue faults;

    LegacyLineProtocol(SimulatedSupervisor supervisor, LogBuffer logs, RequestRecorder recorder, FaultQueue faults) {
        this.commands = new LegacyCommands(supervisor);
        this.logs = logs;
        this.recorder = recorder;
        this.faults = faults;
    }

    @Override
    public void serve(SocketConnection c) throws IOException {
        InputStream in = c.socket().getInputStream();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        boolean newline = false;
        byte[] chunk = new byte[8192];
        try {
            // like zinit's buffered reader: take whole chunks, keep the first line, drop what follows it
            int n;
            while (!newline && raw.size() <= MAX_LINE && (n = in.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    raw.write(chunk[i]);
                    if (chunk[i] == '\n') {
                        newline = true;
                        break;
                    }
                }
            }
            while (in.available() > 0 && in.read(chunk, 0, Math.min(chunk.length, in.available())) > 0) {
                // drained: unread bytes would make the close reset the connection
            }
        } catch (SocketTimeoutException e) {
            // answer what came, as zinit would once the client gives up
        }
        byte[] bytes = raw.toByteArray();
        recorder.record(c.id(), bytes);
        Fault fault = faults.next();
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (newline) {
            text = text.substring(0, text.length() - 1);
        }
        Optional<List<String>> words = ShellWords.split(text);
        if (words.isPresent() && !words.get().isEmpty() && words.get().get(0).equals("log")) {
            serveLog(c, words.get(), fault);
            return;
        }
        c.send(utf8(commands.answer(words)), fault);
        try {
            c.socket().shutdownOutput();
        } catch (SocketException ignored) {
            // the client left already
        }
    }

    private void serveLog(SocketConnection c, List<String> words, Fault fault) throws IOException {
        boolean follow = words.size() == 1;
        if (!follow && !(words.size() == 2 && words.get(1).equals("snapshot"))) {
            c.send(utf8(LegacyCommands.error("invalid log command arguments")), fault);
            return;
        }
        List<String> kept = new ArrayList<>();
        try (LogFollower follower = logs.snapshotAndFollow(kept)) {
            StringBuilder snapshot = new StringBuilder();
            for (String l : kept) {
                snapshot.append(l).append('\n');
            }
            if (!c.send(utf8(snapshot.toString()), fault) || !follow) {
                return;
            }
            follower.pump(c.socket().getOutputStream(), line -> true, line -> utf8(line + "\n"), c::serving);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
