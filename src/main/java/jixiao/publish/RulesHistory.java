package jixiao.publish;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The history of the rules folder, kept in git through JGit (no git program needed): the repository the rules folder
 * is in, used as it is; or, when it is in none, a new one made in the folder that holds both the rules and the
 * scenarios (the jixiao home), else in the rules folder. Every publish is a commit of the notice's folders only (never
 * of anything else changed in the repository), with the analyst's name as author and the reason as message.
 */
public final class RulesHistory implements AutoCloseable {

    /** One published version of a notice. */
    public record Version(String commit, String shortId, String author, Instant when, String message) {
    }

    private final Git git;
    private final Path workTree;

    private RulesHistory(Git git) {
        this.git = git;
        this.workTree = git.getRepository().getWorkTree().toPath().toAbsolutePath().normalize();
    }

    /** The history of the rules under {@code rules} (and of the scenarios under {@code scenarios}, when in it). */
    public static RulesHistory open(Path rules, Path scenarios) throws PublishException {
        Path r = rules.toAbsolutePath().normalize();
        try {
            FileRepositoryBuilder found = new FileRepositoryBuilder().readEnvironment().findGitDir(r.toFile());
            if (found.getGitDir() != null) {
                Repository repo = found.setMustExist(true).build();
                if (!repo.isBare()) {
                    return new RulesHistory(new Git(repo));
                }
                repo.close();
            }
            Path home = scenarios != null && r.getParent() != null
                    && scenarios.toAbsolutePath().normalize().getParent() != null
                    && scenarios.toAbsolutePath().normalize().getParent().equals(r.getParent()) ? r.getParent() : r;
            Git made = Git.init().setDirectory(home.toFile()).setInitialBranch("main").call();
            RulesHistory history = new RulesHistory(made);
            history.baseline(r, scenarios);
            return history;
        } catch (IOException | GitAPIException | IllegalArgumentException e) {
            throw new PublishException("规则目录 " + r + " 的历史（git 仓库）打不开，也建不成：" + e.getMessage());
        }
    }

    /**
     * A new history starts with the rules (and scenarios) as they were found, drafts aside: the first publish is then a
     * change from them, and can be rolled back to them.
     */
    private void baseline(Path rules, Path scenarios) throws IOException, GitAPIException {
        List<String> paths = new ArrayList<>();
        for (Path root : scenarios == null ? List.of(rules) : List.of(rules, scenarios.toAbsolutePath().normalize())) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (var s = Files.list(root)) {
                s.filter(p -> !p.getFileName().toString().equals(jixiao.engine.PolicyRegistry.DRAFTS))
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .map(this::gitPath).filter(java.util.Objects::nonNull).sorted().forEach(paths::add);
            }
        }
        if (paths.isEmpty()) {
            return;
        }
        var add = git.add();
        paths.forEach(add::addFilepattern);
        add.call();
        PersonIdent who = new PersonIdent("jixiao", "");
        git.commit().setAuthor(who).setCommitter(who)
                .setMessage("开始记录规则历史：规则目录发布前的原样（草稿除外）").call();
    }

    public Path workTree() {
        return workTree;
    }

    /** A path as git names it: relative to the work tree, with '/'; null when it is outside the work tree. */
    public String gitPath(Path p) {
        Path a = p.toAbsolutePath().normalize();
        if (!a.startsWith(workTree) || a.equals(workTree)) {
            return null;
        }
        return workTree.relativize(a).toString().replace(File.separatorChar, '/');
    }

    /**
     * Commits what is on disk now under the given folders (added, changed and deleted files), and nothing else, as
     * {@code author} with {@code message}; returns the commit's id, or null when nothing under them changed.
     */
    public String commit(List<Path> folders, String author, String message) throws PublishException {
        List<String> paths = new ArrayList<>();
        for (Path f : folders) {
            String p = gitPath(f);
            if (p != null) {
                paths.add(p);
            }
        }
        try {
            for (String p : paths) {
                git.add().addFilepattern(p).call();
                git.add().addFilepattern(p).setUpdate(true).call(); // deletions
            }
            List<String> changed = new ArrayList<>();
            var status = git.status().call();
            for (String p : paths) {
                for (var set : List.of(status.getAdded(), status.getChanged(), status.getRemoved())) {
                    for (String file : set) {
                        if (file.equals(p) || file.startsWith(p + "/")) {
                            changed.add(p);
                        }
                    }
                }
            }
            if (changed.isEmpty()) {
                return null;
            }
            PersonIdent who = new PersonIdent(author, "");
            var commit = git.commit().setAuthor(who).setCommitter(who).setMessage(message);
            changed.stream().distinct().forEach(commit::setOnly);
            return commit.call().getName();
        } catch (GitAPIException | RuntimeException e) {
            throw new PublishException("发布已写入规则目录，但没有记入历史（git）：" + e.getMessage());
        }
    }

    /** The commits that changed a folder, newest first. */
    public List<Version> log(Path folder) throws PublishException {
        String p = gitPath(folder);
        List<Version> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        try {
            if (git.getRepository().resolve("HEAD") == null) {
                return out;
            }
            for (RevCommit c : git.log().addPath(p).call()) {
                out.add(new Version(c.getName(), c.getName().substring(0, 8), c.getAuthorIdent().getName(),
                        c.getAuthorIdent().getWhenAsInstant(), c.getFullMessage().strip()));
            }
            return out;
        } catch (IOException | GitAPIException e) {
            throw new PublishException("规则的历史读不出：" + e.getMessage());
        }
    }

    /** A commit of the history by its id (or a prefix of it), parsed; refused when the history has none such. */
    private RevCommit parsed(RevWalk walk, String commit) throws PublishException, IOException {
        ObjectId id = git.getRepository().resolve(commit);
        if (id == null) {
            throw new PublishException("历史中没有版本 " + commit + "。");
        }
        return walk.parseCommit(id);
    }

    /** The files under a folder as they were at a commit: path relative to the folder → bytes. */
    public Map<String, byte[]> filesAt(String commit, Path folder) throws PublishException {
        String p = gitPath(folder);
        Map<String, byte[]> out = new TreeMap<>();
        if (p == null) {
            return out;
        }
        Repository repo = git.getRepository();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(parsed(walk, commit).getTree());
            tw.setRecursive(true);
            tw.setFilter(PathFilter.create(p));
            while (tw.next()) {
                out.put(tw.getPathString().substring(p.length() + 1), repo.open(tw.getObjectId(0)).getBytes());
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new PublishException("版本 " + commit + " 读不出：" + e.getMessage());
        }
    }

    /** The first parent of a commit, or null for the first commit. */
    public String parentOf(String commit) throws PublishException {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit c = parsed(walk, commit);
            return c.getParentCount() == 0 ? null : c.getParent(0).getName();
        } catch (IOException e) {
            throw new PublishException("版本 " + commit + " 读不出：" + e.getMessage());
        }
    }

    /** The full id of a commit named by a prefix of its id, or null. */
    public String resolve(String commit) {
        try {
            ObjectId id = commit == null || !commit.matches("[0-9a-fA-F]{4,40}") ? null
                    : git.getRepository().resolve(commit);
            return id == null ? null : id.getName();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes files (as {@link #filesAt} gives them) into a folder, replacing whatever it held. */
    static void write(Map<String, byte[]> files, Path folder) throws IOException {
        Drafts.delete(folder);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path f = folder.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
    }

    @Override
    public void close() {
        git.getRepository().close();
        git.close();
    }
}
