package jixiao.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Writes a command's result to stdout, or to a file: all of it or nothing. A regular file is written to a temp
 * file beside it, renamed over it at the end; a link is followed and its target written; a FIFO or a device is
 * written directly; a folder is refused. Temp files are named {@code .NAME.jixiao-PID.tmp}, removed on every exit
 * Java controls, and those left by a killed run are removed by the next run that writes the same file.
 */
final class Output {

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(p -> p.toFile().delete()),
                "jixiao-temp-cleanup"));
    }

    private Output() {
    }

    /** Where --out really writes: a link followed to its target. Refuses a folder. */
    static Path resolve(Path out) throws IOException {
        Path p = out.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops > 40) {
                throw new IOException(out + " is a loop of links");
            }
            Path link = Files.readSymbolicLink(p);
            p = p.getParent().resolve(link).normalize();
        }
        if (Files.isDirectory(p)) {
            throw new IOException(out + " is a folder; name a file");
        }
        return p;
    }

    /** True for a FIFO, a device or another file that is not regular but exists: written directly, not replaced. */
    static boolean isSpecial(Path resolved) {
        return Files.exists(resolved) && !Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(resolved);
    }

    /**
     * A temp file beside the target, to be renamed over it when complete; readable by others like any file the
     * user writes (temp files are created owner-only).
     */
    static Path tempFileFor(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        removeStale(dir, target.getFileName().toString());
        Path tmp = dir.resolve("." + target.getFileName() + ".jixiao-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime()) + ".tmp");
        Files.createFile(tmp);
        PENDING.add(tmp);
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // keep the default permissions
        }
        return tmp;
    }

    /** Temp files of this target left by runs that no longer exist (killed with -9). */
    private static void removeStale(Path dir, String name) {
        String prefix = "." + name + ".jixiao-";
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))
                    .forEach(p -> {
                        String rest = p.getFileName().toString().substring(prefix.length());
                        int dash = rest.indexOf('-');
                        try {
                            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                                return;
                            }
                            Files.deleteIfExists(p);
                        } catch (NumberFormatException | IOException ignored) {
                            // not ours, or already gone
                        }
                    });
        } catch (IOException ignored) {
            // an unlisted folder: nothing to clean
        }
    }

    /** Puts a finished temp file in place of the target, atomically where the file system can. */
    static void replace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException atomicNotSupported) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        PENDING.remove(tmp);
    }

    /** Removes a temp file that will not be used. */
    static void discard(Path tmp) throws IOException {
        if (tmp != null) {
            Files.deleteIfExists(tmp);
            PENDING.remove(tmp);
        }
    }

    static void write(String text, Path file, PrintStream stdout) throws IOException {
        if (file == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        Path target = resolve(file);
        if (isSpecial(target)) {
            Files.writeString(target, text, StandardCharsets.UTF_8);
            return;
        }
        Path tmp = tempFileFor(target);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            replace(tmp, target);
        } finally {
            discard(tmp);
        }
    }

    /** Bytes written whole or not at all (a temporary file beside the target, then moved over it). */
    static void write(byte[] bytes, Path file, PrintStream stdout) throws IOException {
        Path target = resolve(file);
        if (isSpecial(target)) {
            Files.write(target, bytes);
            return;
        }
        Path tmp = tempFileFor(target);
        try {
            Files.write(tmp, bytes);
            replace(tmp, target);
        } finally {
            discard(tmp);
        }
    }
}
