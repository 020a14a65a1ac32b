package jixiao.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where {@code score} writes, whole or not at all: stdout; a file through a temp file beside it, put in place by
 * {@link #commit()}; a FIFO or device directly; or a new folder of pages, built beside its final name and renamed.
 * Closing a sink that was not committed removes what it wrote and leaves the target as it was.
 */
final class Sink implements AutoCloseable {

    private final Path target;
    private final Path tmp;
    private final Path tmpDir;
    private final OutputStream stream;
    private Writer writer;
    private boolean committed;

    private Sink(Path target, Path tmp, Path tmpDir, OutputStream stream) {
        this.target = target;
        this.tmp = tmp;
        this.tmpDir = tmpDir;
        this.stream = stream;
    }

    /** Stdout when {@code out} is null, else the file (a link followed, a FIFO written directly, a folder refused). */
    static Sink file(Path out) throws IOException {
        if (out == null) {
            return new Sink(null, null, null, new java.io.FilterOutputStream(System.out) {
                @Override
                public void close() throws IOException {
                    flush(); // stdout stays open
                }
            });
        }
        Path target = Output.resolve(out);
        if (Output.isSpecial(target)) {
            return new Sink(target, null, null, new BufferedOutputStream(Files.newOutputStream(target), 1 << 16));
        }
        Path tmp = Output.tempFileFor(target);
        try {
            return new Sink(target, tmp, null, new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16));
        } catch (IOException e) {
            Output.discard(tmp);
            throw e;
        }
    }

    /** A new folder for the pages of a batch, built as a hidden folder beside it. */
    static Sink folder(Path out) throws IOException {
        Path dir = out.toAbsolutePath();
        Files.createDirectories(dir.getParent());
        Path tmpDir = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".jixiao-");
        try {
            Files.setPosixFilePermissions(tmpDir, java.nio.file.attribute.PosixFilePermissions.fromString(
                    "rwxr-xr-x")); // like any folder the user makes, not owner-only as temp folders are
        } catch (UnsupportedOperationException notPosix) {
            // keep the default
        }
        return new Sink(dir, null, tmpDir, OutputStream.nullOutputStream());
    }

    Writer writer() {
        if (writer == null) {
            writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        }
        return writer;
    }

    OutputStream stream() {
        return stream;
    }

    /** The folder pages go to, or null. */
    Path folder() {
        return tmpDir;
    }

    /** Everything is written: put it in place. */
    void commit() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        stream.close();
        if (tmp != null) {
            Output.replace(tmp, target);
        } else if (tmpDir != null) {
            Files.deleteIfExists(target); // an empty folder, checked before the run
            Files.move(tmpDir, target, StandardCopyOption.ATOMIC_MOVE);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        try {
            if (!committed) {
                stream.close();
            }
        } finally {
            Output.discard(tmp);
            if (tmpDir != null && Files.exists(tmpDir)) {
                try (Stream<Path> s = Files.walk(tmpDir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
