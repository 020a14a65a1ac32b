package jixiao.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The policy folders under one rules root ({@code rules/}), one per notice, each compiled once and shared.
 * A notice id is a plain folder name: it can never reach outside the root.
 */
public final class PolicyRegistry {

    private static final Pattern NOTICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * The folder under the rules root that holds the drafts: {@code rules/drafts/ID/} is a notice being changed (a
     * working copy of the published {@code rules/ID/}, or a new notice) that nothing scores with unless it is named
     * explicitly, as {@code drafts/ID}. Its scenarios are {@code scenarios/drafts/ID/}.
     */
    public static final String DRAFTS = "drafts";
    private static final String DRAFT_PREFIX = DRAFTS + "/";

    private final Path root;
    private final PolicyCache cache;
    private final Map<Path, Policy> compiled = new ConcurrentHashMap<>();
    /** Whether every use reads the folder again and compiles what changed (a server), or compiles once (a run). */
    private final boolean followDisk;
    /** Told of each policy replaced because its files changed on disk: its sessions can be released. */
    private volatile java.util.function.Consumer<Policy> onReplaced = p -> { };

    /** A registry that uses the cache of compiled policies the settings name (see {@link PolicyCache#fromSettings()}). */
    public PolicyRegistry(Path root) {
        this(root, PolicyCache.fromSettings());
    }

    /** @param cache where compiled policies are kept between runs, or null to compile every time */
    public PolicyRegistry(Path root, PolicyCache cache) {
        this(root, cache, false);
    }

    private PolicyRegistry(Path root, PolicyCache cache, boolean followDisk) {
        this.root = root;
        this.cache = cache;
        this.followDisk = followDisk;
    }

    /**
     * A registry for a process that lives while the rules change under it (a server): every use reads the policy's
     * files again and compares their fingerprint with the compiled policy's, so that what is used is always what is
     * on disk now, whatever changed it (an editor, {@code git checkout}, {@code jixiao pin}). A policy is compiled
     * once per fingerprint and shared; reading and hashing a notice's files costs well under a millisecond.
     */
    public static PolicyRegistry followingDisk(Path root) {
        return new PolicyRegistry(root, PolicyCache.fromSettings(), true);
    }

    /** Says which policies were replaced by a newer compile of their folder (to release their sessions). */
    public void onReplaced(java.util.function.Consumer<Policy> listener) {
        this.onReplaced = listener;
    }

    /** The rules root: system property jixiao.rules, else $JIXIAO_HOME/rules, else ./rules. */
    public static Path defaultRoot() {
        String explicit = System.getProperty("jixiao.rules");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String home = System.getProperty("jixiao.home", System.getenv("JIXIAO_HOME"));
        if (home != null && !home.isBlank()) {
            return Path.of(home, "rules");
        }
        return Path.of("rules");
    }

    public Path root() {
        return root;
    }

    /** The notice ids: every folder under the root that holds a .drl file, sorted. */
    public List<String> noticeIds() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> isId(p.getFileName().toString())) // not drafts/, nor a folder being published
                    .filter(PolicyRegistry::holdsRules)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            System.err.println("jixiao: the rules folder " + root + " cannot be listed: " + e.getMessage());
            return List.of();
        }
    }

    /** The drafts (folders under {@code rules/drafts/} that are policy folders), by id, sorted. */
    public List<String> draftIds() {
        Path dir = root.resolve(DRAFTS);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> NOTICE_ID.matcher(p.getFileName().toString()).matches())
                    .filter(PolicyRegistry::holdsRules)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether a reference names a draft ({@code drafts/ID}) rather than a published notice. */
    public static boolean isDraft(String ref) {
        return ref != null && ref.startsWith(DRAFT_PREFIX);
    }

    /** The reference of the draft of a notice id: {@code drafts/ID}. */
    public static String draftRef(String id) {
        return DRAFT_PREFIX + id;
    }

    /** The id a reference names: the notice's own id for a draft's {@code drafts/ID}. */
    public static String idOf(String ref) {
        return isDraft(ref) ? ref.substring(DRAFT_PREFIX.length()) : ref;
    }

    /** Whether a string is a plain notice id (a folder name that can reach nowhere else). */
    public static boolean isId(String id) {
        return id != null && NOTICE_ID.matcher(id).matches() && !id.contains("..") && !id.equals(DRAFTS);
    }

    /** A policy folder: it holds a rule file, or names a base in its notice.json (and may change nothing else). */
    private static boolean holdsRules(Path dir) {
        Path meta = dir.resolve(PolicyLoader.METADATA_FILE);
        if (Files.isRegularFile(meta)) {
            try {
                if (new com.fasterxml.jackson.databind.ObjectMapper().readTree(meta.toFile()).hasNonNull("base")) {
                    return true;
                }
            } catch (IOException unreadable) {
                // reported when the notice is loaded
            }
        }
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.anyMatch(p -> PolicyLoader.isRuleFile(p.getFileName().toString()));
        } catch (IOException e) {
            return false;
        }
    }

    /** The folder of a notice, after checking that the id is a plain name of an existing folder under the root. */
    public Path folderOf(String noticeId) throws PolicyException {
        boolean draft = isDraft(noticeId);
        String id = idOf(noticeId);
        if (!isId(id)) {
            throw new UnknownNoticeException("\"" + noticeId + "\" is not a notice id: an id is a folder name under " + root
                    + " (letters, digits, '.', '_', '-'), or drafts/ID for a draft; known notices: " + known());
        }
        Path folder = draft ? root.resolve(DRAFTS).resolve(id) : root.resolve(id);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !holdsRules(folder)) {
            boolean hasDraft = !draft && Files.isDirectory(root.resolve(DRAFTS).resolve(id), LinkOption.NOFOLLOW_LINKS);
            throw new UnknownNoticeException("unknown " + (draft ? "draft" : "notice") + " \"" + noticeId
                    + "\": there is no policy folder " + folder + (hasDraft ? "; there is a draft of it, not yet "
                    + "published: name it as drafts/" + id + " to score with it, or publish it" : "")
                    + "; known notices: " + known());
        }
        return folder;
    }

    private String known() {
        List<String> ids = noticeIds();
        return ids.isEmpty() ? "(none under " + root + ")" : String.join(", ", ids);
    }

    /** The compiled policy of a notice, compiled on first use. */
    public Policy forNotice(String noticeId) throws PolicyException {
        // once a notice is compiled, a batch asks for it again for every submission: no folder walk each time
        if (!followDisk && noticeId != null && NOTICE_ID.matcher(noticeId).matches() && !noticeId.contains("..")) {
            Policy p = compiled.get(root.resolve(noticeId).toAbsolutePath().normalize());
            if (p != null) {
                return p;
            }
        }
        return forFolder(folderOf(noticeId));
    }

    /** The compiled policy of any folder (e.g. given with --rules), compiled on first use. */
    public Policy forFolder(Path folder) throws PolicyException {
        Path key = folder.toAbsolutePath().normalize();
        if (followDisk) {
            return current(folder, key);
        }
        Policy p = compiled.get(key);
        if (p != null) {
            return p;
        }
        synchronized (this) { // the threads of a batch all ask at once: compile once, not once each
            p = compiled.get(key);
            if (p == null) {
                Notice notice = PolicyLoader.readNotice(folder);
                if (notice.isShared()) {
                    throw sharedFolder(notice);
                }
                p = PolicyLoader.load(folder, cache);
                compiled.put(key, p);
            }
            return p;
        }
    }

    /** The policy as its files are now: the compiled one if their fingerprint is the same, else compiled again. */
    private Policy current(Path folder, Path key) throws PolicyException {
        PolicyFiles now = PolicyFiles.resolve(folder);
        Policy p = compiled.get(key);
        if (p != null && p.fingerprint().equals(now.fingerprint())) {
            return p;
        }
        synchronized (this) {
            p = compiled.get(key);
            if (p != null && p.fingerprint().equals(now.fingerprint())) {
                return p;
            }
            if (now.notice().isShared()) {
                throw sharedFolder(now.notice());
            }
            Policy fresh = PolicyLoader.load(now, cache);
            Policy old = compiled.put(key, fresh);
            if (old != null && old != fresh) {
                onReplaced.accept(old);
            }
            return fresh;
        }
    }

    private static PolicyException sharedFolder(Notice notice) {
        return new PolicyException(notice.id() + " is a folder of shared rules that notices build on; it "
                + "scores nothing by itself: score by a notice built on it (\"base\" in its notice.json)");
    }

    /**
     * Forgets the compiled policies a folder is part of (the folder's own, and every notice built on it), so that the
     * next use compiles them again (after an edit).
     *
     * @return the policies forgotten: their sessions can be released
     */
    public List<Policy> invalidate(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        List<Policy> gone = new ArrayList<>();
        for (Map.Entry<Path, Policy> e : compiled.entrySet()) {
            if (e.getKey().equals(key) || e.getValue().layers().contains(key)) {
                if (compiled.remove(e.getKey(), e.getValue())) {
                    gone.add(e.getValue());
                }
            }
        }
        return gone;
    }

    /**
     * Compiles again, after an edit, policies that {@link #invalidate} forgot (their sessions released first): only the
     * changed rules when one rule file's rules are all that changed, else whole (see
     * {@link PolicyLoader#reload}). A policy that no longer compiles stays forgotten; its next use compiles it and
     * reports why.
     */
    public synchronized void reload(List<Policy> forgotten) {
        for (Policy old : forgotten) {
            Path key = old.folder().toAbsolutePath().normalize();
            if (compiled.containsKey(key)) {
                continue;
            }
            try {
                compiled.put(key, PolicyLoader.reload(old, PolicyFiles.resolve(key), cache));
            } catch (PolicyException | RuntimeException e) {
                // left for its next use, which compiles it whole and says what is wrong
            }
        }
    }

    /**
     * The fields a notice's submissions carry besides the built-in ones (its notice.json's and its bases'), compiling
     * nothing; empty when the notice declares none or cannot be found (scoring it says why).
     */
    public List<jixiao.model.FieldDeclaration> fieldsOf(String noticeId) {
        try {
            return PolicyFiles.resolve(folderOf(noticeId), false).fields();
        } catch (PolicyException e) {
            return List.of();
        }
    }

    /** Every notice's metadata, compiling nothing. */
    public List<Notice> notices() {
        List<Notice> out = new ArrayList<>();
        for (String id : noticeIds()) {
            try {
                out.add(PolicyLoader.readNotice(root.resolve(id)));
            } catch (PolicyException e) {
                out.add(new Notice(id, "（notice.json 有误：" + e.getMessage() + "）", null, null, null, null, null));
            }
        }
        return out;
    }
}
