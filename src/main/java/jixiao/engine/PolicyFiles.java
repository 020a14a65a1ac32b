package jixiao.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import jixiao.model.FieldDeclaration;

/**
 * The rule files a policy folder stands for. A folder whose {@code notice.json} names a base holds only what it
 * changes: a file of the same name replaces the base's, a new file adds to it, a file listed under "drop" is taken
 * away. The base may itself build on another (a chain); a cycle is an error. Each base is pinned by the fingerprint
 * of its effective files: when the base changes, the notice built on it is refused until it is re-pinned
 * ({@code jixiao pin NOTICE}), so that a change to a base never silently changes a notice built on it.
 *
 * <p>The files are read once; the fingerprint and the compiled rules come from the same bytes.
 */
public final class PolicyFiles {

    /**
     * A rule file of the effective set.
     *
     * @param name  its name inside a policy folder (what a derived folder replaces or drops by)
     * @param label how reports name it: the name for the folder's own files, "base/name" for a base's
     * @param path  where it is on disk
     */
    public record Source(String name, String label, Path path, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern NOTICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");

    private final Path folder;
    private final Notice notice;
    private final Map<String, Source> files;
    private final List<Path> layers;
    private final String hash;
    private final List<FieldDeclaration> fields;
    private final Map<String, Notice.CodeName> codes;

    private PolicyFiles(Path folder, Notice notice, Map<String, Source> files, List<Path> layers, String hash,
                        List<FieldDeclaration> fields, Map<String, Notice.CodeName> codes) {
        this.folder = folder;
        this.notice = notice;
        this.files = files;
        this.layers = layers;
        this.hash = hash;
        this.fields = fields;
        this.codes = codes;
    }

    /** The effective files of a folder, with every pin on the way checked. */
    public static PolicyFiles resolve(Path folder) throws PolicyException {
        return resolve(folder, true);
    }

    /**
     * @param checkPin whether the folder's own pin of its base is checked (false only to re-pin it, or to try it
     *                 against the base as it is now); pins further down the chain are always checked
     */
    public static PolicyFiles resolve(Path folder, boolean checkPin) throws PolicyException {
        return resolve(folder.toAbsolutePath().normalize(), checkPin, new ArrayList<>());
    }

    private static PolicyFiles resolve(Path folder, boolean checkPin, List<Path> chain) throws PolicyException {
        if (!Files.isDirectory(folder)) {
            throw new PolicyException("policy folder " + folder + " does not exist or is not a folder");
        }
        if (folder.getParent() == null) {
            throw new PolicyException(folder + " is the root of the file system, not a policy folder");
        }
        if (chain.contains(folder)) {
            List<String> names = new ArrayList<>();
            chain.subList(chain.indexOf(folder), chain.size()).forEach(p -> names.add(p.getFileName().toString()));
            names.add(folder.getFileName().toString());
            throw new PolicyException("the notices build on each other in a cycle: " + String.join(" → ", names)
                    + "; one of them must not name the next as its base");
        }
        chain.add(folder);
        Notice notice = PolicyLoader.readNotice(folder);
        Map<String, Source> effective = new TreeMap<>();
        List<Path> layers = new ArrayList<>();
        Map<String, FieldDeclaration> fields = new LinkedHashMap<>();
        Map<String, Notice.CodeName> codes = new java.util.TreeMap<>();
        Notice.Base base = notice.base();
        if (base != null) {
            PolicyFiles under = resolveBase(folder, notice, base, checkPin, chain);
            layers.addAll(under.layers);
            under.fields.forEach(f -> fields.put(f.name(), f));
            codes.putAll(under.codes);
            for (Source s : under.files.values()) {
                effective.put(s.name(), new Source(s.name(), relabel(s, under.layers), s.path(), s.bytes()));
            }
            for (String dropped : notice.drop() == null ? List.<String>of() : notice.drop()) {
                if (effective.remove(dropped) == null) {
                    throw new PolicyException(folder.resolve(PolicyLoader.METADATA_FILE) + ": \"drop\" names \""
                            + dropped + "\", which the base " + base.notice() + " does not have; its files: "
                            + String.join(", ", under.files.keySet()));
                }
            }
        } else if (notice.drop() != null && !notice.drop().isEmpty()) {
            throw new PolicyException(folder.resolve(PolicyLoader.METADATA_FILE)
                    + ": \"drop\" needs a \"base\" to drop files from");
        }
        layers.add(folder);
        for (Path f : PolicyLoader.ruleFiles(folder)) {
            String name = folder.relativize(f).toString().replace('\\', '/');
            if (notice.drop() != null && notice.drop().contains(name)) {
                throw new PolicyException(folder.resolve(PolicyLoader.METADATA_FILE) + ": \"drop\" names " + name
                        + ", which this folder also holds; drop it or keep it, not both");
            }
            effective.put(name, new Source(name, name, f, read(f)));
        }
        if (effective.isEmpty()) {
            throw new PolicyException("policy folder " + folder + " holds no rule file (.drl, .drl.csv or .drl.xlsx)"
                    + (base == null ? "" : " and its base leaves none"));
        }
        Path meta = folder.resolve(PolicyLoader.METADATA_FILE);
        byte[] metaBytes = Files.exists(meta) ? read(meta) : new byte[0];
        for (FieldDeclaration f : FieldDeclarations.check(meta, notice.fields())) {
            fields.remove(f.name()); // the notice's own declaration replaces its base's, in the notice's order
            fields.put(f.name(), f);
        }
        chain.remove(chain.size() - 1);
        if (notice.codes() != null) {
            for (Map.Entry<String, Notice.CodeName> c : notice.codes().entrySet()) {
                if (c.getValue() == null || c.getValue().name() == null || c.getValue().name().isBlank()) {
                    throw new PolicyException(meta + ": \"codes\" gives " + c.getKey() + " no name: write "
                            + "{\"name\": \"…\", \"meaning\": \"…\"}");
                }
                codes.put(c.getKey(), c.getValue());
            }
        }
        return new PolicyFiles(folder, notice, new LinkedHashMap<>(effective), List.copyOf(layers),
                hash(effective, metaBytes), List.copyOf(fields.values()), java.util.Collections.unmodifiableMap(codes));
    }

    private static PolicyFiles resolveBase(Path folder, Notice notice, Notice.Base base, boolean checkPin,
                                           List<Path> chain) throws PolicyException {
        Path meta = folder.resolve(PolicyLoader.METADATA_FILE);
        if (base.notice() == null || !NOTICE_ID.matcher(base.notice()).matches() || base.notice().contains("..")) {
            throw new PolicyException(meta + ": \"base\" must name a notice folder beside this one, as "
                    + "{\"notice\": \"ID\", \"fingerprint\": \"…\"}; it names \"" + base.notice() + "\"");
        }
        Path baseFolder = baseFolder(folder, base.notice());
        if (!Files.isDirectory(baseFolder)) {
            throw new PolicyException(meta + ": the base notice " + base.notice() + " has no folder " + baseFolder);
        }
        PolicyFiles under = resolve(baseFolder, true, chain);
        if (checkPin) {
            String now = under.fingerprint();
            if (base.fingerprint() == null || !FINGERPRINT.matcher(base.fingerprint()).matches()) {
                throw new PolicyException("notice " + notice.id() + " does not pin its base " + base.notice()
                        + " (\"fingerprint\" in " + meta + " is " + (base.fingerprint() == null ? "missing"
                        : "\"" + base.fingerprint() + "\"") + "): run `jixiao pin " + notice.id() + "` to pin the base "
                        + "as it is now (" + now + ")");
            }
            if (!base.fingerprint().equals(now)) {
                String ref = folder.getParent().getFileName() != null && folder.getParent().getFileName().toString()
                        .equals(PolicyRegistry.DRAFTS) ? PolicyRegistry.draftRef(notice.id()) : notice.id();
                throw new PolicyException("the base " + base.notice() + " of notice " + ref
                        + " has changed since it was pinned (fingerprint " + base.fingerprint() + ", now " + now
                        + "): review what the change does to " + ref + " with `jixiao pin " + ref
                        + " --dry-run` (runs its scenarios on the changed base) and `git diff "
                        + relative(baseFolder) + "`, then re-pin it with `jixiao pin " + ref + "`");
            }
        }
        return under;
    }

    private static String relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }

    /** A base's file as the derived folder's reports name it: "base/name", base being the folder it lies in. */
    private static String relabel(Source s, List<Path> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (s.path().startsWith(layers.get(i))) {
                return layers.get(i).getFileName() + "/" + s.name();
            }
        }
        return s.label();
    }

    /**
     * Where the base a folder names lies: beside the folder; for a draft (a folder in the rules root's
     * {@value PolicyRegistry#DRAFTS} folder), among the published notices, so that a draft is always tried on what
     * is in force.
     */
    public static Path baseFolder(Path folder, String baseId) {
        Path parent = folder.toAbsolutePath().normalize().getParent();
        if (parent.getFileName() != null && parent.getFileName().toString().equals(PolicyRegistry.DRAFTS)
                && parent.getParent() != null) {
            parent = parent.getParent();
        }
        return parent.resolve(baseId);
    }

    private static byte[] read(Path f) throws PolicyException {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new PolicyException("cannot read " + f + ": " + e.getMessage());
        }
    }

    /** SHA-256 over the effective files (names and contents, in name order) and the folder's own notice.json. */
    private static String hash(Map<String, Source> files, byte[] meta) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Source s : files.values()) {
                md.update(s.name().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(s.bytes());
                md.update((byte) 0);
            }
            md.update(PolicyLoader.METADATA_FILE.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(meta);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path folder() {
        return folder;
    }

    /**
     * The same set with one file's text changed (or, with null, the file taken away): a mutant of the rules. The
     * fingerprint is recomputed; nothing on disk changes.
     */
    public PolicyFiles with(String name, byte[] bytes) {
        Map<String, Source> copy = new TreeMap<>(files);
        Source old = copy.get(name);
        if (old == null) {
            throw new IllegalArgumentException("no file " + name);
        }
        if (bytes == null) {
            copy.remove(name);
        } else {
            copy.put(name, new Source(old.name(), old.label(), old.path(), bytes));
        }
        return new PolicyFiles(folder, notice, new LinkedHashMap<>(copy), layers,
                hash(copy, (hash + "/" + name).getBytes(StandardCharsets.UTF_8)), fields, codes);
    }

    public Notice notice() {
        return notice;
    }

    /** The finding codes its rules write, by code, with their Chinese names: its bases' and its own. */
    public Map<String, Notice.CodeName> codes() {
        return codes;
    }

    /** The fields the policy's submissions carry besides the built-in ones: its bases' and its own. */
    public List<FieldDeclaration> fields() {
        return fields;
    }

    /** The effective rule files, in name order (the order they are compiled in). */
    public List<Source> files() {
        return List.copyOf(files.values());
    }

    /** The folders whose files make up this policy, the deepest base first and this folder last. */
    public List<Path> layers() {
        return layers;
    }

    /** The full SHA-256 (the cache's key). */
    public String hash() {
        return hash;
    }

    /** The short fingerprint reports carry and a derived notice pins: the first 16 hex digits of the hash. */
    public String fingerprint() {
        return hash.substring(0, 16);
    }
}
