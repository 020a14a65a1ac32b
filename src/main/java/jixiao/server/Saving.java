package jixiao.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writing the files the workbench edits, so that no work is lost: a save names the fingerprint of the text it was
 * made from and is refused when the file changed since (another page, an editor, {@code git checkout}), with the
 * file as it is now for the analyst to merge; saves of one file are taken one at a time; a file is replaced whole or
 * not at all, keeps its permissions, and a link stays a link (the file it points to is written).
 */
final class Saving {

    /** What became of a save. */
    sealed interface Result {
    }

    /** Written: the fingerprint of what is on disk now. */
    record Saved(String base) implements Result {
    }

    /** Not written: the file changed since the page loaded it; what is on disk now, and its fingerprint. */
    record Conflict(byte[] current, String currentBase) implements Result {
    }

    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    /** The fingerprint a save names: SHA-256 of the file's bytes, in hex. */
    static String fingerprint(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code bytes} over {@code file} if the file is still what {@code base} is the fingerprint of. */
    Result save(Path file, byte[] bytes, String base) throws IOException {
        Path real = file.toRealPath(); // a link: the file it points to is the one edited
        synchronized (locks.computeIfAbsent(real, k -> new Object())) {
            byte[] current = Files.readAllBytes(real);
            String now = fingerprint(current);
            if (!now.equals(base)) {
                return new Conflict(current, now);
            }
            writeAtomically(real, bytes);
            return new Saved(fingerprint(bytes));
        }
    }

    /**
     * Writes a file whole or not at all: a temporary file beside it, given the permissions the file had, then moved
     * over it.
     */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (from != null && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(tmp, from.readAttributes().permissions());
            } else if (from != null) {
                // a new file: as the umask would make it, not the temporary file's owner-only mode
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
