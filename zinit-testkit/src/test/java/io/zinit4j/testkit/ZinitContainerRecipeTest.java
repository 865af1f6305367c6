package io.zinit4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** ZinitContainer's inline Dockerfile and the repository's docker/Dockerfile fetch zinit the same way. */
class ZinitContainerRecipeTest {
    private static final String FROM = "case \"${TARGETARCH:-$(uname -m)}\"";
    private static final String TO = "wget -q -O /sbin/zinit \"${base}/zinit\"; fi;";

    @Test
    void bothCopiesPickTheReleaseBinaryTheSameWay() throws IOException {
        // the module's directory is the working directory of its tests; docker/ is its sibling in the repository
        Path dockerfile = Path.of(System.getProperty("user.dir")).resolve("../docker/Dockerfile").normalize();
        String repository = download(Files.readString(dockerfile, StandardCharsets.UTF_8));
        String inline = download(ZinitContainer.inlineDockerfile("0.2.28"));
        assertEquals(repository, inline);
        assertTrue(inline.contains("zinit-linux-${arch}") && inline.contains("arm64|aarch64) arch=aarch64"), inline);
    }

    @Test
    void theInlineRecipeIsValidShell() throws IOException, InterruptedException {
        String run = ZinitContainer.inlineDockerfile("0.2.14").lines().filter(l -> l.startsWith("RUN "))
                .findFirst().orElseThrow().substring(4);
        Process sh = new ProcessBuilder("sh", "-n", "-c", run).redirectErrorStream(true).start();
        String said = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sh.waitFor(), said);
    }

    /** The download part of a Dockerfile, continuation lines joined and blanks collapsed. */
    private static String download(String dockerfile) {
        String flat = dockerfile.replace("\\\n", " ").replaceAll("\\s+", " ");
        int from = flat.indexOf(FROM);
        int to = flat.indexOf(TO, Math.max(from, 0));
        assertTrue(from >= 0 && to > from, "no download recipe in:\n" + dockerfile);
        return flat.substring(from, to + TO.length());
    }
}
