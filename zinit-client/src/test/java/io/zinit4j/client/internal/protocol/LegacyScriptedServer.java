package io.zinit4j.client.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** A tiny socket server for codec tests: each connection gets the next scripted bytes, then is closed. */
final class LegacyScriptedServer implements AutoCloseable {
    private final AFUNIXServerSocket server;
    private final Path dir;
    private final BlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    LegacyScriptedServer() throws IOException {
        dir = Files.createTempDirectory("legacy-scripted-");
        server = AFUNIXServerSocket.newInstance();
        server.bind(AFUNIXSocketAddress.of(socket()));
        thread = new Thread(this::loop, "legacy-scripted-server");
        thread.setDaemon(true);
        thread.start();
    }

    Path socket() {
        return dir.resolve("s.sock");
    }

    void answer(String raw) {
        answers.add(raw.getBytes(StandardCharsets.UTF_8));
    }

    List<String> received() {
        return received;
    }

    private void loop() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.write(b);
                }
                received.add(line.toString(StandardCharsets.UTF_8));
                byte[] a = answers.poll(5, TimeUnit.SECONDS);
                if (a != null) {
                    s.getOutputStream().write(a);
                    s.getOutputStream().flush();
                }
            } catch (IOException e) {
                // next connection
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
        Files.deleteIfExists(socket());
        Files.deleteIfExists(dir);
    }
}
