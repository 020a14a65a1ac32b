package jixiao.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a command's result to stdout, or to a file atomically: all of it or nothing. */
final class Output {
    private Output() {
    }

    /**
     * A temp file beside the target, to be renamed over it when complete; readable by others like any file the
     * user writes (temp files are created owner-only).
     */
    static Path tempFileFor(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // keep the default permissions
        }
        return tmp;
    }

    /** Puts a finished temp file in place of the target, atomically where the file system can. */
    static void replace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException atomicNotSupported) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void write(String text, Path file, PrintStream stdout) throws IOException {
        if (file == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        Path abs = file.toAbsolutePath();
        Path tmp = tempFileFor(abs);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            replace(tmp, abs);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
