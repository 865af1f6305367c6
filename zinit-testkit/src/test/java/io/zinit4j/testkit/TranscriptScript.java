package io.zinit4j.testkit;

import io.zinit4j.transcripts.Transcripts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The request scripts of the golden transcripts, sent to a zinit the way they were recorded. The committed
 * transcripts ARE the scripts: their file rows, requests and notes, in order. This class is the one place that knows
 * how each row is sent: legacy requests one connection each (the few rows that describe their request in words are
 * spelled out here), JSON-RPC requests on one long-lived connection except a row whose note says it had its own, a
 * followed log read for {@link #FOLLOW} then closed. Used by {@link TranscriptRecorder} against a real zinit and by
 * {@link TranscriptReplayTest} against the fake. Not thread-safe: one script runs on one thread.
 */
final class TranscriptScript implements AutoCloseable {
    /** How long a followed log (legacy {@code log}, JSON-RPC {@code stream_subscribeLogs}) is read before closing. */
    static final Duration FOLLOW = Duration.ofMillis(2500);
    /** How long any other answer may take. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Where the 100 KB name of the legacy basics stands in the recording. */
    static final String LONG_NAME = "<100000 x>";
    /** The one note row that is an action: the gated service's test command passes from here on. */
    static final String READY_NOTE = "ready file created";
    /** The recorded answer to {@code rpc.discover} stands for the document, which is kept in its own file. */
    static final String SPEC_PLACEHOLDER = "<the OpenRPC spec as a JSON string, %d characters: see %s>";

    private final boolean legacy;
    private final Path socket;
    private final Path configDir;
    private final Path runDir;
    private final String serverConfigDir;
    private final String serverRunDir;
    private AFUNIXSocket rpc;

    /**
     * @param generation      {@link Transcripts#LEGACY} or {@link Transcripts#RPC}
     * @param socket          the server's socket
     * @param configDir       where service files are written (this side)
     * @param runDir          a directory the services can see, for the gated service's ready file (this side)
     * @param serverConfigDir the config dir as the server sees it, for {@code ${CONFIG_DIR}}
     * @param serverRunDir    the run dir as the server sees it, for {@code ${RUN_DIR}}
     */
    TranscriptScript(String generation, Path socket, Path configDir, Path runDir, String serverConfigDir,
                     String serverRunDir) {
        this.legacy = generation.equals(Transcripts.LEGACY);
        this.socket = socket;
        this.configDir = configDir;
        this.runDir = runDir;
        this.serverConfigDir = serverConfigDir;
        this.serverRunDir = serverRunDir;
    }

    boolean legacy() {
        return legacy;
    }

    /** Writes a file row's service file, with the placeholders replaced by the server's directories. */
    void writeFile(Transcripts.Row row) throws IOException {
        Path name = Path.of(row.file().orElseThrow()).getFileName();
        Files.writeString(configDir.resolve(name), expand(row.content().orElse("")), StandardCharsets.UTF_8);
    }

    /** Acts on a note row: only {@value #READY_NOTE} does anything. */
    void note(Transcripts.Row row) throws IOException {
        if (row.note().orElse("").equals(READY_NOTE)) {
            Files.writeString(runDir.resolve("ready"), "");
        }
    }

    /**
     * Sends an exchange row's request as it was recorded.
     *
     * @return what came back, with the long name and the directories put back as placeholders, in the recording's
     *         form (a followed log's bytes, or one line per expected JSON-RPC answer)
     */
    String send(Transcripts.Row row) throws IOException {
        String request = row.request().orElseThrow();
        String recorded = row.responseRaw().orElse("");
        String answer;
        if (legacy) {
            answer = sendLegacy(request);
        } else if (row.note().orElse("").startsWith("on its own connection")) {
            try (AFUNIXSocket s = connect()) {
                write(s, request);
                answer = readFor(s, FOLLOW);
            }
        } else {
            if (rpc == null) {
                rpc = connect();
            }
            write(rpc, request);
            long lines = recorded.startsWith("<the OpenRPC spec") ? 1 : recorded.chars().filter(c -> c == '\n').count();
            answer = readLines(rpc.getInputStream(), lines);
        }
        return collapse(answer);
    }

    private String sendLegacy(String request) throws IOException {
        try (AFUNIXSocket s = connect()) {
            if (request.equals("<connect, send nothing, half-close>")) {
                s.shutdownOutput();
            } else if (request.startsWith("list (no trailing newline")) {
                write(s, "list");
                s.shutdownOutput();
            } else if (request.startsWith("list\\nstatus nope\\n")) {
                write(s, "list\nstatus nope\n");
            } else if (request.equals("log\n")) {
                write(s, request);
                return readFor(s, FOLLOW);
            } else {
                write(s, request.replace(LONG_NAME, "x".repeat(100_000)));
            }
            return readToEnd(s.getInputStream());
        }
    }

    private String expand(String text) {
        return text.replace("${CONFIG_DIR}", serverConfigDir).replace("${RUN_DIR}", serverRunDir);
    }

    private String collapse(String text) {
        String t = text.replace("x".repeat(100_000), LONG_NAME);
        // the longer directory first: one may lie inside the other
        return serverConfigDir.length() >= serverRunDir.length()
                ? t.replace(serverConfigDir, "${CONFIG_DIR}").replace(serverRunDir, "${RUN_DIR}")
                : t.replace(serverRunDir, "${RUN_DIR}").replace(serverConfigDir, "${CONFIG_DIR}");
    }

    private AFUNIXSocket connect() throws IOException {
        AFUNIXSocket s = AFUNIXSocket.newInstance();
        s.connect(AFUNIXSocketAddress.of(socket), 2000);
        s.setSoTimeout((int) READ_TIMEOUT.toMillis());
        return s;
    }

    private static void write(AFUNIXSocket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            out.write("<no end of answer within the read timeout>".getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Reads {@code lines} newline-terminated lines, or what arrived until the read timeout. */
    private static String readLines(InputStream in, long lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long seen = 0;
        try {
            while (seen < lines) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
                if (b == '\n') {
                    seen++;
                }
            }
        } catch (SocketTimeoutException e) {
            out.write("<no answer within the read timeout>".getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Reads whatever arrives during {@code period}: a followed log never ends on its own. */
    private static String readFor(AFUNIXSocket s, Duration period) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + period.toNanos();
        byte[] buf = new byte[8192];
        s.setSoTimeout(50);
        try {
            while (System.nanoTime() - deadline < 0) {
                try {
                    int n = s.getInputStream().read(buf);
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 0, n);
                } catch (SocketTimeoutException e) {
                    // nothing new in this slice; keep listening until the period is over
                }
            }
        } finally {
            s.setSoTimeout((int) READ_TIMEOUT.toMillis());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (rpc != null) {
            try {
                rpc.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
