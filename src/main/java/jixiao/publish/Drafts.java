package jixiao.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import jixiao.engine.Notice;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyFiles;
import jixiao.engine.PolicyLoader;
import jixiao.engine.PolicyRegistry;

/**
 * Drafts: a notice being changed lives in {@code rules/drafts/ID/} (its scenarios in {@code scenarios/drafts/ID/}) until
 * it is published, so that what anyone scores with is never a half-made change. A draft is either a working copy of a
 * published notice (same id; publishing replaces the notice) or a new notice built on a published one (a new id).
 */
public final class Drafts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyRegistry registry;
    private final Path scenarios;

    /** @param scenarios the scenarios root ({@code scenarios/}), or null when there is none */
    public Drafts(PolicyRegistry registry, Path scenarios) {
        this.registry = registry;
        this.scenarios = scenarios;
    }

    public PolicyRegistry registry() {
        return registry;
    }

    /** The folder a draft's rules are in. */
    public Path rulesOf(String id) {
        return registry.root().resolve(PolicyRegistry.DRAFTS).resolve(id);
    }

    /** The folder a draft's scenarios are in, or null when there is no scenarios root. */
    public Path scenariosOf(String id) {
        return scenarios == null ? null : scenarios.resolve(PolicyRegistry.DRAFTS).resolve(id);
    }

    /** The folder a published notice's scenarios are in, or null when there is no scenarios root. */
    public Path publishedScenariosOf(String id) {
        return scenarios == null ? null : scenarios.resolve(id);
    }

    public Path scenariosRoot() {
        return scenarios;
    }

    /** Whether there is a draft of this id. */
    public boolean exists(String id) {
        return PolicyRegistry.isId(id) && Files.isDirectory(rulesOf(id), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Starts a working copy of a published notice: its own files (not its bases') and its scenarios, copied into the
     * drafts. The published notice goes on being used, unchanged, until the draft is published.
     */
    public Path workingCopy(String notice) throws PublishException {
        Path from = published(notice);
        Notice n = readNotice(from);
        if (n.isShared()) {
            throw new PublishException(notice + " 是共用规则，不单独计分，不能在工作台起草；请在建于其上的通知上起草，"
                    + "或在命令行修改后用 jixiao pin 逐个复核建于其上的通知。");
        }
        refuseExisting(notice);
        try {
            copy(from, rulesOf(notice));
            if (scenarios != null && Files.isDirectory(publishedScenariosOf(notice))) {
                copy(publishedScenariosOf(notice), scenariosOf(notice));
            }
        } catch (IOException e) {
            discardQuietly(notice);
            throw new PublishException("草稿没有建成（已撤销）：" + e.getMessage());
        }
        return rulesOf(notice);
    }

    /**
     * Starts a new notice built on a published one (next year's, say): a folder holding only its notice.json, which
     * names the base pinned as it is now, plus the base's scenarios, their submissions renamed to the new notice. The
     * analyst then replaces or adds the files that change.
     */
    public Path newNotice(String base, String id, String title) throws PublishException {
        Path baseFolder = published(base);
        if (!PolicyRegistry.isId(id)) {
            throw new PublishException("“" + id + "”不能作通知编号：编号是文件夹名，只用字母、数字、“.”“_”“-”，"
                    + "以字母或数字开头，如 shangjie-2022。");
        }
        if (Files.exists(registry.root().resolve(id))) {
            throw new PublishException("已有通知 " + id + "；要修改它，请在它的页面上起草。");
        }
        refuseExisting(id);
        Notice b = readNotice(baseFolder);
        String fingerprint;
        try {
            fingerprint = PolicyFiles.resolve(baseFolder).fingerprint();
        } catch (PolicyException e) {
            throw new PublishException("基础通知 " + base + " 现在不能使用，不能在其上起草：" + e.describe());
        }
        ObjectNode meta = JSON.createObjectNode();
        meta.put("id", id);
        meta.put("title", title == null || title.isBlank() ? id : title.strip());
        if (b.issuer() != null) {
            meta.put("issuer", b.issuer());
        }
        if (b.year() != null) {
            meta.put("year", b.year());
        }
        if (b.kind() != null) {
            meta.put("kind", b.kind());
        }
        meta.put("description", "建于 " + base + " 之上：与它不同的文件放在本文件夹，同名的替换它的。");
        meta.putObject("base").put("notice", base).put("fingerprint", fingerprint);
        try {
            Files.createDirectories(rulesOf(id));
            Files.writeString(rulesOf(id).resolve(PolicyLoader.METADATA_FILE), pretty(meta), StandardCharsets.UTF_8);
            if (scenarios != null && Files.isDirectory(publishedScenariosOf(base))) {
                copy(publishedScenariosOf(base), scenariosOf(id));
                renameNotice(scenariosOf(id), base, id);
            }
        } catch (IOException e) {
            discardQuietly(id);
            throw new PublishException("草稿没有建成（已撤销）：" + e.getMessage());
        }
        return rulesOf(id);
    }

    /**
     * The base a draft names and its pin, when the base has been published again since: {base, pinned, now}; null when
     * the draft builds on no base or its pin is current.
     */
    public String[] stalePin(String id) {
        try {
            Notice n = PolicyLoader.readNotice(rulesOf(id));
            if (n.base() == null) {
                return null;
            }
            String now = PolicyFiles.resolve(PolicyFiles.baseFolder(rulesOf(id), n.base().notice())).fingerprint();
            return now.equals(n.base().fingerprint()) ? null : new String[] {n.base().notice(), n.base().fingerprint(), now};
        } catch (PolicyException e) {
            return null;
        }
    }

    /**
     * Pins a draft to its base as it is published now (the base's fingerprint into the draft's notice.json), after
     * checking that the draft compiles on it; its scenarios then say what the base's change does to it.
     */
    public String repin(String id) throws PublishException {
        String[] stale = stalePin(id);
        if (stale == null) {
            throw new PublishException("草稿 " + id + " 已钉住它的基础通知的现行版本，不必重新钉住。");
        }
        try {
            jixiao.engine.PolicyLoader.load(PolicyFiles.resolve(rulesOf(id), false), null);
        } catch (PolicyException e) {
            throw new PublishException("草稿在基础通知的现行版本上不能编译，没有重新钉住：" + e.describe());
        }
        Path meta = rulesOf(id).resolve(PolicyLoader.METADATA_FILE);
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(meta.toFile());
            ((ObjectNode) tree.get("base")).put("fingerprint", stale[2]);
            Files.writeString(meta, pretty(tree), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new PublishException(meta + " 改写不成：" + e.getMessage());
        }
        return stale[2];
    }

    /** Throws away a draft: its rules and its scenarios. */
    public void discard(String id) throws PublishException {
        if (!exists(id)) {
            throw new PublishException("没有草稿 " + id + "。");
        }
        try {
            delete(rulesOf(id));
            if (scenariosOf(id) != null) {
                delete(scenariosOf(id));
            }
        } catch (IOException e) {
            throw new PublishException("草稿 " + id + " 没有删干净：" + e.getMessage());
        }
    }

    private void discardQuietly(String id) {
        try {
            delete(rulesOf(id));
            if (scenariosOf(id) != null) {
                delete(scenariosOf(id));
            }
        } catch (IOException ignored) {
            // what could not be deleted is said when the draft is started again
        }
    }

    private void refuseExisting(String id) throws PublishException {
        if (Files.exists(rulesOf(id)) || (scenariosOf(id) != null && Files.exists(scenariosOf(id)))) {
            throw new PublishException("已有 " + id + " 的草稿（" + rulesOf(id) + "）：请先发布或放弃它。");
        }
    }

    private Path published(String notice) throws PublishException {
        if (!PolicyRegistry.isId(notice) || !registry.noticeIds().contains(notice)) {
            throw new PublishException("没有已发布的通知 " + notice + "；已发布的通知：" + registry.noticeIds());
        }
        return registry.root().resolve(notice);
    }

    private static Notice readNotice(Path folder) throws PublishException {
        try {
            return PolicyLoader.readNotice(folder);
        } catch (PolicyException e) {
            throw new PublishException(e.describe());
        }
    }

    /** In every JSON file under a folder: a submission naming the old notice names the new one. */
    private static void renameNotice(Path dir, String from, String to) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode tree;
                try {
                    tree = JSON.readTree(f.toFile());
                } catch (IOException unreadable) {
                    continue; // a broken scenario is said when the scenarios run
                }
                boolean changed = rename(tree, from, to) | rename(tree.path("submission"), from, to);
                if (changed) {
                    Files.writeString(f, pretty(tree), StandardCharsets.UTF_8);
                }
            }
        }
    }

    private static boolean rename(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode o && from.equals(o.path("notice").asText(null))) {
            o.put("notice", to);
            return true;
        }
        return false;
    }

    static String pretty(JsonNode tree) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
    }

    /** Copies a folder tree (no links followed out of it). */
    static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a folder tree, if it exists. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The drafts, by id. */
    public List<String> ids() {
        return registry.draftIds();
    }
}
