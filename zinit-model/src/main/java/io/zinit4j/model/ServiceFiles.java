package io.zinit4j.model;

import io.zinit4j.error.ServiceFileException;
import io.zinit4j.error.ServiceFileFormatException;
import io.zinit4j.error.ServiceNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * zinit's config directory: one {@code <name>.yaml} per service.
 *
 * <p>Writes are atomic: the new content goes to a temporary file in the same directory, is forced to disk, and is then
 * renamed over the old file (and the directory is synced), so a crash leaves either the old file or the new one, never a
 * half-written one. Names are checked with {@link ServiceNames#validate(String)} before any path is built. A service
 * file that is a symbolic link leading out of the directory is never written through or replaced. Local file system
 * failures surface as {@link ServiceFileException} with an empty server message and no code.
 *
 * <p>Thread-safe: operations on one instance are serialised; separate instances (or processes) on the same directory
 * still never see a torn file thanks to the atomic rename, though the last writer wins.
 */
public final class ServiceFiles {
    /** zinit's default config directory. */
    public static final Path DEFAULT_DIR = Path.of("/etc/zinit");

    private static final String SUFFIX = ".yaml";

    private final Path dir;
    private final Object lock = new Object();

    /**
     * Creates access to the service files of one config directory; nothing is read or created yet.
     *
     * @param dir the config directory (created on the first {@link #add} when missing)
     */
    public ServiceFiles(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** {@return the config directory} */
    public Path dir() {
        return dir;
    }

    /**
     * {@return the path of the service's file ({@code <dir>/<name>.yaml})}
     *
     * @param name the service name
     * @throws io.zinit4j.error.InvalidServiceNameException when the name is not acceptable
     */
    public Path pathOf(String name) {
        return dir.resolve(ServiceNames.validate(name) + SUFFIX);
    }

    /**
     * Writes {@code <name>.yaml} unless a file with the same content is already there, in which case nothing is
     * written at all (the file's modification time is kept).
     *
     * @param name   the service name
     * @param config the service file
     * @return whether the file was created or changed
     * @throws io.zinit4j.error.InvalidServiceNameException when the name is not acceptable
     * @throws ServiceFileException when the file cannot be written, or is a symbolic link leading out of the directory
     */
    public boolean add(String name, ServiceConfig config) {
        Objects.requireNonNull(config, "config");
        Path target = pathOf(name);
        byte[] content = config.toYaml().getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            try {
                Files.createDirectories(dir);
                Path realDir = dir.toRealPath();
                if (Files.isSymbolicLink(target)) {
                    refuseOutsideLink(target, realDir);
                }
                if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
                    return false;
                }
                writeAtomically(realDir, realDir.resolve(target.getFileName()), name, content);
                return true;
            } catch (IOException e) {
                throw failure("cannot write service file " + target, e);
            }
        }
    }

    /**
     * Deletes {@code <name>.yaml}; a symbolic link is removed itself, its target is left alone.
     *
     * @param name the service name
     * @return whether a file was deleted
     * @throws io.zinit4j.error.InvalidServiceNameException when the name is not acceptable
     * @throws ServiceFileException when the file exists but cannot be deleted
     */
    public boolean remove(String name) {
        Path target = pathOf(name);
        synchronized (lock) {
            try {
                boolean deleted = Files.deleteIfExists(target);
                if (deleted) {
                    syncDirectory(dir);
                }
                return deleted;
            } catch (IOException e) {
                throw failure("cannot delete service file " + target, e);
            }
        }
    }

    /**
     * {@return the service file}
     *
     * @param name the service name
     * @throws io.zinit4j.error.InvalidServiceNameException when the name is not acceptable
     * @throws ServiceNotFoundException when there is no such file (server message empty, no code, no data)
     * @throws ServiceFileFormatException when the file is not a valid service file; the message names the file
     * @throws ServiceFileException when the file exists but cannot be read
     */
    public ServiceConfig load(String name) {
        Path target = pathOf(name);
        return read(target).orElseThrow(() -> new ServiceNotFoundException(
                "no service file for '" + name + "': " + target + " does not exist", "", null, null));
    }

    /**
     * {@return the service file, or empty when there is none}
     *
     * @param name the service name
     * @throws io.zinit4j.error.InvalidServiceNameException when the name is not acceptable
     * @throws ServiceFileFormatException when the file is not a valid service file; the message names the file
     * @throws ServiceFileException when the file exists but cannot be read
     */
    public Optional<ServiceConfig> find(String name) {
        return read(pathOf(name));
    }

    /**
     * The services zinit would load from the directory: regular files (not symbolic links, as zinit skips those too)
     * named {@code <name>.yaml} with an acceptable name. A missing directory has no services.
     *
     * @return the names, sorted
     * @throws ServiceFileException when the directory cannot be read
     */
    public List<String> list() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : entries) {
                String file = p.getFileName().toString();
                String name = file.substring(0, file.length() - SUFFIX.length());
                if (ServiceNames.isValid(name) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw failure("cannot list service files in " + dir, e);
        }
        Collections.sort(names);
        return List.copyOf(names);
    }

    private Optional<ServiceConfig> read(Path target) {
        String text;
        synchronized (lock) {
            try {
                text = Files.readString(target, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new ServiceFileFormatException("service file " + target + " is not UTF-8 text", e);
            } catch (IOException e) {
                throw failure("cannot read service file " + target, e);
            }
        }
        try {
            return Optional.of(ServiceConfig.fromYaml(text));
        } catch (ServiceFileFormatException e) {
            throw new ServiceFileFormatException("service file " + target + ": " + e.getMessage(), e);
        }
    }

    private static void refuseOutsideLink(Path link, Path realDir) throws IOException {
        Path resolved = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
        Path real;
        try {
            real = resolved.toRealPath();
        } catch (NoSuchFileException e) {
            // A dangling link: judge by where it points, after resolving what does exist of its parent.
            Path parent = resolved.getParent();
            real = parent != null && Files.exists(parent) ? parent.toRealPath().resolve(resolved.getFileName())
                    : resolved;
        }
        if (!real.startsWith(realDir) || real.getParent() == null || !real.getParent().equals(realDir)) {
            throw new ServiceFileException("refusing to write " + link + ": it is a symbolic link to " + real
                    + ", outside " + realDir, "", null, null);
        }
    }

    private static void writeAtomically(Path realDir, Path target, String name, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(realDir, "." + name + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: keep the default permissions.
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + realDir + " cannot rename atomically", e);
            }
            moved = true;
            syncDirectory(realDir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void syncDirectory(Path d) {
        // Makes the rename itself durable. Opening a directory for reading works on Linux; elsewhere it may not,
        // and then the rename is still atomic, only its durability is left to the OS.
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort, see above
        }
    }

    private static ServiceFileException failure(String message, IOException e) {
        ServiceFileException ex = new ServiceFileException(message + ": " + e, "", null, null);
        ex.initCause(e);
        return ex;
    }
}
