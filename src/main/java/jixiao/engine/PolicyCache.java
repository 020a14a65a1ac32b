package jixiao.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
    private static final byte[] MAGIC = "jixiao-policy-cache-1\n".getBytes(StandardCharsets.US_ASCII);
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
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(f);
            if (bytes.length < MAGIC.length || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0,
                    MAGIC.length)) {
                throw new IOException("not a cache entry");
            }
            try (ObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(bytes, MAGIC.length,
                    bytes.length - MAGIC.length), PolicyCache.class.getClassLoader())) {
                @SuppressWarnings("unchecked")
                Collection<KiePackage> packages = (Collection<KiePackage>) in.readObject();
                return packages;
            }
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
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
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            bos.write(MAGIC);
            try (ObjectOutputStream out = new DroolsObjectOutputStream(bos)) {
                out.writeObject(new ArrayList<>(kieBase.getKiePackages()));
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "entry", ".tmp");
            Files.write(tmp, bos.toByteArray());
            Files.move(tmp, entry(folderHash), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            prune();
        } catch (IOException | RuntimeException e) {
            // e.g. a read-only home: the policy is simply compiled again next time
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
