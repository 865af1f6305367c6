package io.zinit4j.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** A bare socket for the few scenarios that must send what the typed client never sends. */
final class RawSocket {
    private RawSocket() {
    }

    /**
     * @param socket   the server
     * @param request  the bytes to send
     * @param lineOnly stop at the first line end (a JSON-RPC answer) instead of reading to the server's close
     * @return what came back, without the line end
     */
    static String exchange(Path socket, String request, boolean lineOnly) {
        try (AFUNIXSocket s = AFUNIXSocket.newInstance()) {
            s.connect(AFUNIXSocketAddress.of(socket), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && !(lineOnly && b == '\n')) {
                out.write(b);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from " + socket, e);
        }
    }
}
