package io.zinit4j.cli.bench;

import io.zinit4j.client.ZinitClient;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Cold start of {@code zinitctl list}: the shaded jar started with the JVM options of {@code bin/zinitctl} (AppCDS
 * archive, or on JDK 25 and later the AOT cache, and the unpacked junixsocket library included), beside a Java hello-world started the same way in the same run.
 * Two servers: a tiny legacy-protocol one on a Unix socket ({@code --protocol legacy}, one round trip), and a
 * {@link FakeZinitServer} speaking JSON-RPC with the protocol detected ({@code --protocol auto}, the default). Prints
 * the median wall time of each over repeated runs, and their ratio (the goal is at most 2x). Not a test: run it by
 * hand, as docs/BENCHMARKS.md says.
 *
 * <p>Arguments: {@code [runs] [path to the shaded jar]}; defaults 15 and {@code zinit-cli/target/zinit-cli-*-all.jar}.
 */
public final class ColdStartBenchmark {
    /** The JVM options of bin/zinitctl, minus the archive, which each program gets its own of. */
    static final List<String> JVM_OPTIONS = jvmOptions();
    /**
     * Whether the JDK running the benchmark (and so every program it starts) has the AOT cache of JDK 25, which
     * bin/zinitctl then uses instead of the AppCDS archive.
     */
    static final boolean AOT = Runtime.version().feature() >= 25;
    /** Silences the archive's own messages, as bin/zinitctl does. */
    static final List<String> QUIET = AOT ? List.of("-Xlog:aot=off", "-Xlog:cds=off")
            : List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private static final String USE_ARCHIVE = AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
    private static final int WARMUP = 3;

    private ColdStartBenchmark() {
    }

    /** As bin/zinitctl: the JRE locale data before JDK 21 (later ones warn that it goes away). */
    private static List<String> jvmOptions() {
        List<String> o = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-XX:+UseSerialGC", "-Xss512k", "-XX:-UsePerfData"));
        if (Runtime.version().feature() < 21) {
            o.add("-Djava.locale.providers=COMPAT");
        }
        return List.copyOf(o);
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code [runs] [jar]}
     * @throws Exception when a run cannot be started
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path jar = args.length > 1 ? Path.of(args[1]) : findJar();
        Path work = Files.createTempDirectory("zinitctl-bench");
        Path socket = work.resolve("zinit.sock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path helloJar = helloJar(work.resolve("hello.jar"));
        List<String> native_ = nativeLibrary(jar, work.resolve("native.so"));

        try (AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
             FakeZinitServer fake = FakeZinitServer.builder().generation(Generation.JSON_RPC).build().start()) {
            fake.writeService("web", "exec: nginx\n");
            fake.writeService("net", "exec: udhcpc\noneshot: true\n");
            try (ZinitClient seed = ZinitClient.builder().socket(fake.socket()).build()) {
                seed.monitor("web");
                seed.monitor("net");
            }
            server.bind(AFUNIXSocketAddress.of(socket.toFile()));
            AtomicInteger served = new AtomicInteger();
            Thread answering = new Thread(() -> answer(server, served), "legacy-zinit");
            answering.setDaemon(true);
            answering.start();

            // one archive per server, each written by a first run against it: what a user of that server has
            List<String> legacy = command(java, work.resolve("zinitctl-legacy.jsa"), native_,
                    List.of("-jar", jar.toString(), "-s", socket.toString(), "--protocol", "legacy", "list"));
            List<String> detected = command(java, work.resolve("zinitctl-auto.jsa"), native_,
                    List.of("-jar", jar.toString(), "-s", fake.socket().toString(), "list"));
            List<String> hello = command(java, work.resolve("hello.jsa"), List.of(),
                    List.of("-jar", helloJar.toString()));

            // the first run of each writes its archive, as bin/zinitctl's first run does
            int ctlExit = train(legacy, work.resolve("zinitctl-legacy.jsa"));
            train(detected, work.resolve("zinitctl-auto.jsa"));
            train(hello, work.resolve("hello.jsa"));
            for (int i = 0; i < WARMUP; i++) {
                time(legacy);
                time(detected);
                time(hello);
            }
            long[] legacyNanos = new long[runs];
            long[] detectedNanos = new long[runs];
            long[] helloNanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                // interleaved, so that a noisy neighbour hurts all alike
                legacyNanos[i] = time(legacy);
                detectedNanos[i] = time(detected);
                helloNanos[i] = time(hello);
            }
            double helloMs = median(helloNanos) / 1e6;
            System.out.printf(Locale.ROOT, "runs: %d (after %d warm-up runs each), JDK %s, %d CPUs%n", runs, WARMUP,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "java hello-world: median %.1f ms, min %.1f ms%n", helloMs,
                    min(helloNanos) / 1e6);
            report("zinitctl --protocol legacy list, tiny legacy server (exit " + ctlExit + ", " + served.get()
                    + " requests served)", legacyNanos, helloMs);
            report("zinitctl list, protocol detected, FakeZinitServer JSON-RPC (exit "
                    + exitCode(detected) + ")", detectedNanos, helloMs);
            System.out.println("JVM options: " + String.join(" ", JVM_OPTIONS) + " " + String.join(" ", QUIET) + " "
                    + USE_ARCHIVE + "<archive>"
                    + (native_.isEmpty() ? "" : " " + native_.get(0).replaceFirst("=.*", "=<native.so>")));
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void report(String what, long[] nanos, double helloMs) {
        double ms = median(nanos) / 1e6;
        System.out.printf(Locale.ROOT, "%s: median %.1f ms, min %.1f ms, ratio %.2fx (goal: at most 2x)%n", what, ms,
                min(nanos) / 1e6, ms / helloMs);
    }

    private static int exitCode(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        return p.waitFor();
    }

    /**
     * Unpacks junixsocket's library for this machine from the jar, as bin/zinitctl does.
     *
     * @return the JVM option pointing junixsocket at it, or nothing when the jar has none for this machine
     */
    private static List<String> nativeLibrary(Path jar, Path target) throws IOException {
        String arch = System.getProperty("os.arch").equals("amd64") || System.getProperty("os.arch").equals("x86_64")
                ? "amd64" : System.getProperty("os.arch");
        Pattern entry = Pattern.compile("lib/" + Pattern.quote(arch) + "-Linux-[^/]+/jni/libjunixsocket-native-"
                + "[0-9.]+\\.so");
        try (JarFile j = new JarFile(jar.toFile())) {
            var found = j.stream().filter(e -> entry.matcher(e.getName()).matches()).findFirst();
            if (found.isEmpty()) {
                return List.of();
            }
            try (InputStream in = j.getInputStream(found.get())) {
                Files.copy(in, target);
            }
        }
        return List.of("-Dorg.newsclub.net.unix.library.override=" + target);
    }

    private static List<String> command(String java, Path archive, List<String> extra, List<String> program) {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.addAll(JVM_OPTIONS);
        c.addAll(QUIET);
        c.addAll(extra);
        c.add(USE_ARCHIVE + archive);
        c.addAll(program);
        return c;
    }

    /**
     * Writes the archive as bin/zinitctl's first run does: one run with -XX:ArchiveClassesAtExit, or on JDK 25 one
     * run with -XX:AOTMode=record and then -XX:AOTMode=create. Returns the exit code of the program's run.
     */
    private static int train(List<String> command, Path archive) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(command);
        Path conf = Path.of(archive + ".conf");
        c.removeIf(s -> s.startsWith(USE_ARCHIVE));
        int at = c.indexOf("-jar");
        if (AOT) {
            c.addAll(at, List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + conf));
        } else {
            c.add(at, "-XX:ArchiveClassesAtExit=" + archive);
        }
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (AOT) {
            List<String> create = new ArrayList<>(command);
            create.removeIf(s -> s.startsWith(USE_ARCHIVE));
            int jar = create.indexOf("-jar");
            create.subList(jar + 2, create.size()).clear();
            create.addAll(jar, List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + conf,
                    "-XX:AOTCache=" + archive));
            Process cp = new ProcessBuilder(create).redirectErrorStream(true).start();
            output += new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            cp.waitFor();
        }
        if (!Files.exists(archive)) {
            throw new IllegalStateException("no archive written by " + c + ": " + output);
        }
        return code;
    }

    private static long time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        p.waitFor();
        return System.nanoTime() - start;
    }

    /** The legacy protocol in its smallest form: read the command line, answer two services, close. */
    private static void answer(AFUNIXServerSocket server, AtomicInteger served) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000);
                new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
                s.getOutputStream().write("{\"state\":\"ok\",\"body\":{\"web\":\"Running\",\"net\":\"Success\"}}"
                        .getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                served.incrementAndGet();
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // a client that gave up: serve the next one
            }
        }
    }

    private static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static Path findJar() throws IOException {
        for (Path dir : List.of(Path.of("zinit-cli", "target"), Path.of("target"))) {
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    var jar = s.filter(p -> p.getFileName().toString().matches("zinit-cli-.*-all\\.jar")).findFirst();
                    if (jar.isPresent()) {
                        return jar.get();
                    }
                }
            }
        }
        throw new IllegalStateException("no shaded jar found; run: mvn -B -q -pl zinit-cli -am package -DskipTests");
    }

    /** AppCDS archives only classes from jars, so the hello-world gets a jar of its own, run with -jar as well. */
    private static Path helloJar(Path jar) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Hello.class.getName());
        String entry = Hello.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m);
             InputStream in = Hello.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IllegalStateException("cannot read " + entry);
            }
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
