package jixiao.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.Properties;
import java.util.stream.Stream;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * Compiled policies kept on disk between runs, so that a run with unchanged rules skips compiling them.
 *
 * <p>An entry is keyed by the hash of the policy folder's contents, the Drools version and the build of this
 * program: any edit of a rule file, and any rebuild, makes a new key. An entry that cannot be read (truncated,
 * corrupt, written by another version) is deleted and the policy compiled again; the cache never changes a result.
 */
public final class PolicyCache {

    /** Entries kept; older ones are removed when a new one is written. */
    static final int KEEP = 32;
    private static final String SUFFIX = ".kpkg";
    private static final byte[] MAGIC = "jixiao-policy-cache-2\n".getBytes(StandardCharsets.US_ASCII);
    /** Classes an entry may hold: the JDK's, Drools', MVEL's and the compiled rules' (package jixiao.*). */
    private static final String ALLOWED = "java.**;javax.**;org.drools.**;org.kie.**;org.mvel2.**;jixiao.**;!*";
    private static volatile boolean warned;
    private static final String BUILD = buildId();

    private final Path dir;

    public PolicyCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The cache to use unless told otherwise: the folder in system property jixiao.cache, else in $JIXIAO_CACHE,
     * else ~/.cache/jixiao; null (no cache) when that setting is "off".
     */
    public static PolicyCache fromSettings() {
        String setting = System.getProperty("jixiao.cache", System.getenv("JIXIAO_CACHE"));
        if (setting == null || setting.isBlank()) {
            return new PolicyCache(Path.of(System.getProperty("user.home"), ".cache", "jixiao"));
        }
        return "off".equals(setting) ? null : new PolicyCache(Path.of(setting));
    }

    public Path dir() {
        return dir;
    }

    static String key(String folderHash) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((folderHash + "\n" + BUILD).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path entry(String folderHash) {
        return dir.resolve(key(folderHash) + SUFFIX);
    }

    /** The compiled packages for this folder hash, or null (no entry, or one that cannot be read: then removed). */
    Collection<KiePackage> read(String folderHash) {
        Path f = entry(folderHash);
        if (!trusted() || !Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(f);
            byte[] header = header(folderHash);
            if (bytes.length < header.length || !java.util.Arrays.equals(bytes, 0, header.length, header, 0,
                    header.length)) {
                // another format, or an entry compiled from other rules copied under this key: never used
                throw new IOException("not an entry for these rules");
            }
            try (ObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(bytes, header.length,
                    bytes.length - header.length), PolicyCache.class.getClassLoader())) {
                // an entry may only hold the classes of compiled rules, and no array or graph larger than itself
                in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(ALLOWED + ";maxbytes=" + bytes.length
                        + ";maxarray=" + bytes.length + ";maxdepth=2000;maxrefs=" + bytes.length));
                @SuppressWarnings("unchecked")
                Collection<KiePackage> packages = (Collection<KiePackage>) in.readObject();
                return packages;
            }
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError | OutOfMemoryError
                 | StackOverflowError e) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // another process may hold or have removed it; compiling again is enough
            }
            return null;
        }
    }

    /** Stores the compiled packages; a cache that cannot be written is skipped silently. */
    void write(String folderHash, KieBase kieBase) {
        try {
            if (!trusted()) {
                return;
            }
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            bos.write(header(folderHash));
            try (ObjectOutputStream out = new DroolsObjectOutputStream(bos)) {
                out.writeObject(new ArrayList<>(kieBase.getKiePackages()));
            }
            Path tmp = Files.createTempFile(dir, "entry", ".tmp");
            Files.write(tmp, bos.toByteArray());
            Files.move(tmp, entry(folderHash), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            prune();
        } catch (IOException | RuntimeException e) {
            warn("the compiled rules could not be stored in " + dir + " (" + e.getMessage() + "); they will be "
                    + "compiled again next time");
        }
    }

    /** The first bytes of an entry: the format, then the hash of the rule files it was compiled from. */
    private static byte[] header(String folderHash) {
        return (new String(MAGIC, StandardCharsets.US_ASCII) + folderHash + "\n" + BUILD + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether the cache folder may be trusted with code (an entry is compiled rules): it is created owner-only if
     * missing; one owned by someone else, or writable by group or others, is refused with one line on stderr, as ssh
     * refuses such a key folder, and the rules are compiled without the cache.
     */
    private boolean trusted() {
        try {
            if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
                try {
                    Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectory(dir);
                }
            }
            if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                warn(dir + " is not a folder (or is a link); compiling the rules without the cache");
                return false;
            }
            java.nio.file.attribute.PosixFileAttributes a;
            try {
                a = Files.readAttributes(dir, java.nio.file.attribute.PosixFileAttributes.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException notPosix) {
                return true;
            }
            String me = System.getProperty("user.name");
            Set<java.nio.file.attribute.PosixFilePermission> perms = a.permissions();
            if (!a.owner().getName().equals(me)) {
                warn("the cache folder " + dir + " belongs to " + a.owner().getName() + ", not " + me
                        + "; compiling the rules without the cache");
                return false;
            }
            if (perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
                warn("the cache folder " + dir + " is writable by others (chmod 700 it); compiling the rules "
                        + "without the cache");
                return false;
            }
            return true;
        } catch (IOException e) {
            warn("the cache folder " + dir + " cannot be used (" + e.getMessage() + "); compiling the rules "
                    + "without the cache");
            return false;
        }
    }

    /**
     * Keeps a small note beside the entries (the mutation score of a rule set, by its fingerprint): written whole or
     * not at all, only to a folder {@link #trusted()} accepts. A note that cannot be written is simply not kept.
     *
     * @param name letters, digits and '-' only
     */
    public void putNote(String name, String text) {
        if (!name.matches("[A-Za-z0-9-]{1,100}") || !trusted()) {
            return;
        }
        try {
            Path tmp = Files.createTempFile(dir, "note", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, dir.resolve(name + ".note"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // a note is a convenience: the next run of what wrote it writes it again
        }
    }

    /** A note kept by {@link #putNote}, or null. */
    public String note(String name) {
        Path f = dir.resolve(name + ".note");
        if (!name.matches("[A-Za-z0-9-]{1,100}") || !Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return Files.size(f) > 64 * 1024 ? null : Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static void warn(String message) {
        if (!warned) {
            warned = true;
            System.err.println("jixiao: " + message);
        }
    }

    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList());
        }
        if (entries.size() <= KEEP) {
            return;
        }
        entries.sort(Comparator.comparing(p -> p.toFile().lastModified()));
        for (Path p : entries.subList(0, entries.size() - KEEP)) {
            Files.deleteIfExists(p);
        }
    }

    private static String buildId() {
        Properties p = new Properties();
        try (InputStream in = PolicyCache.class.getResourceAsStream("/jixiao/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // no build id: every entry gets the same key part, still correct for one build
        }
        return p.getProperty("build", "dev") + " drools " + p.getProperty("drools", "?");
    }
}
