package jixiao.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyFiles;
import jixiao.engine.PolicyLinter;
import jixiao.engine.PolicyProblem;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.scenario.Expectations;
import jixiao.scenario.ScenarioReader;
import jixiao.scenario.ScenarioRunner;

/**
 * Publishing a draft: everything is checked first — the rules compile, check-rules finds no error (decision-table
 * cells passed over, tiers or grade bands with a gap or an overlap, a 提示级别 code no rule writes), every scenario of
 * the draft passes — and the draft is refused, with each reason, when anything fails. A draft that passes replaces the
 * published notice (or becomes a new one), its scenarios with it, and the change is committed to the rules' history
 * with the analyst's name and reason. A rollback is the same step with an earlier version as the draft.
 */
public final class Publisher {

    /** What the checks found: what refuses publishing, what only warns, and how the scenarios fared. */
    public record Check(String draft, List<String> refusals, List<String> warnings, int scenarios, int passed,
                        String fingerprint) {
        public boolean ok() {
            return refusals.isEmpty();
        }
    }

    /** A publish done: the notice, its commit in the history (null when nothing changed), and the checks. */
    public record Published(String notice, String commit, Check check) {
    }

    private final Drafts drafts;
    private final Duration timeout;

    public Publisher(Drafts drafts, Duration timeout) {
        this.drafts = drafts;
        this.timeout = timeout;
    }

    public Drafts drafts() {
        return drafts;
    }

    /** Runs every check on a draft, writing nothing. */
    public Check check(String id) throws PublishException {
        return check(id, false);
    }

    /**
     * Runs every check on a draft, writing nothing; with {@code mutants}, also the mutation test over the draft's
     * scenarios (each number, comparator and rule changed in turn): a change no scenario notices refuses it.
     */
    public Check check(String id, boolean mutants) throws PublishException {
        if (!drafts.exists(id)) {
            throw new PublishException("没有草稿 " + id + "。");
        }
        PolicyRegistry registry = drafts.registry();
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Policy p;
        try {
            p = registry.forNotice(PolicyRegistry.draftRef(id));
        } catch (PolicyException e) {
            refusals.add("规则不能使用：" + e.describe());
            return new Check(id, refusals, warnings, 0, 0, null);
        }
        if (!id.equals(p.notice().id())) {
            refusals.add("notice.json 的 \"id\" 是 “" + p.notice().id() + "”，与草稿的文件夹名 " + id + " 不同；改成一样的。");
        }
        section(refusals, "决策表中有 Drools 会默默略过的格子", PolicyLinter.decisionTables(p));
        try {
            section(refusals, "定性指标的档次没有恰好覆盖 0-100% 一次", PolicyLinter.tierBands(p, List.of()));
            section(refusals, "提示级别表写了没有规则写出的代码", PolicyLinter.findingLevels(p));
            section(refusals, "规则读的通知参数，本通知没有给出", PolicyLinter.missingParameters(p));
        } catch (PolicyException e) {
            refusals.add("规则检查没能运行：" + e.describe());
        }
        section(refusals, "等级区间没有恰好覆盖 0-100 分一次", PolicyLinter.gradeBands(p));
        section(warnings, "规则名写的数字与它这一行不符", PolicyLinter.namesRestating(p));
        section(warnings, "提示代码没有中文名称", PolicyLinter.unnamedCodes(p));
        int[] counts = scenarios(id, p, refusals);
        if (mutants && refusals.isEmpty()) {
            mutants(id, refusals, warnings);
        }
        for (String dependent : dependents(id)) {
            warnings.add("通知 " + dependent + " 建于 " + id + " 之上：发布后它须复核并重新钉住（jixiao pin " + dependent
                    + "），在此之前它不能评分。");
        }
        return new Check(id, refusals, warnings, counts[0], counts[1], p.fingerprint());
    }

    /** How many surviving mutants a publish lists before it stops testing: the draft is refused either way. */
    private static final int MAX_SURVIVORS_LISTED = 20;

    /** The mutation test of a draft on its scenarios: each surviving mutant is a refusal. */
    private void mutants(String id, List<String> refusals, List<String> warnings) throws PublishException {
        try {
            PolicyFiles set = PolicyFiles.resolve(drafts.rulesOf(id));
            java.util.Map<String, String> equivalents = jixiao.scenario.Mutants.equivalents(set);
            List<jixiao.scenario.Scenario> scenarios = new ArrayList<>();
            for (Path f : ScenarioReader.find(List.of(drafts.scenariosOf(id)))) {
                scenarios.add(ScenarioReader.read(f));
            }
            ScenarioRunner runner = new ScenarioRunner(drafts.registry(),
                    new Scorer(Scorer.DEFAULT_MAX_FIRINGS, false).withTimeout(timeout));
            int survived = 0;
            int all = 0;
            List<jixiao.scenario.Mutants.Mutant> every = jixiao.scenario.Mutants.of(set);
            for (jixiao.scenario.Mutants.Mutant m : every) {
                if (survived == MAX_SURVIVORS_LISTED) { // enough to refuse and to say where: the rest on the command line
                    refusals.add("变异检验在 " + survived + " 个未被发现的改动后停下（共 " + every.size() + " 个改动）；"
                            + "全部见 jixiao test --mutants " + PolicyRegistry.draftRef(id) + " " + drafts.scenariosOf(id));
                    return;
                }
                jixiao.scenario.Mutants.Result r = jixiao.scenario.Mutants.run(set, m, scenarios, runner, equivalents);
                if (r.status() == jixiao.scenario.Mutants.Status.STILLBORN) {
                    continue;
                }
                all++;
                if (r.status() == jixiao.scenario.Mutants.Status.SURVIVED) {
                    survived++;
                    refusals.add("变异检验：" + m.describe() + "——没有场景发现这一改动；补一个场景，或它确实不改变任何结果时在 "
                            + jixiao.scenario.Mutants.EQUIVALENT + " 中写明理由");
                }
            }
            warnings.add("变异检验：" + all + " 个改动，" + (all - survived) + " 个被场景发现");
        } catch (PolicyException e) {
            refusals.add("变异检验没能运行：" + e.describe());
        } catch (IOException | jixiao.input.InputException e) {
            refusals.add("变异检验没能运行：" + e.getMessage());
        }
    }

    private static void section(List<String> out, String heading, List<PolicyProblem> problems) {
        for (PolicyProblem pr : problems) {
            out.add(heading + "：" + pr);
        }
    }

    /** Runs the draft's scenarios under it; each failure is a refusal. Returns {scenarios, passed}. */
    private int[] scenarios(String id, Policy p, List<String> refusals) {
        Path dir = drafts.scenariosOf(id);
        List<Path> files;
        try {
            files = dir == null || !Files.isDirectory(dir) ? List.of() : ScenarioReader.find(List.of(dir));
        } catch (IOException e) {
            refusals.add("场景读不出：" + e.getMessage());
            return new int[] {0, 0};
        }
        if (files.isEmpty()) {
            refusals.add("草稿没有场景（" + dir + "）：没有场景，就没有什么能说明它评分正确。");
            return new int[] {0, 0};
        }
        ScenarioRunner runner = new ScenarioRunner(drafts.registry(), new Scorer().withTimeout(timeout)).withPolicy(p);
        int passed = 0;
        for (Path f : files) {
            ScenarioRunner.Outcome o = runner.run(f);
            if (o.status() == ScenarioRunner.Status.PASSED) {
                passed++;
                continue;
            }
            StringBuilder why = new StringBuilder("场景 " + dir.relativize(f) + " 未通过");
            if (o.error() != null) {
                why.append("（不能运行：").append(o.error()).append("）");
            }
            for (Expectations.Mismatch m : o.mismatches()) {
                why.append("；").append(Expectations.inWords(m.field())).append(" 期望 ").append(m.expected()).append("，实际 ").append(m.actual());
            }
            refusals.add(why.toString());
        }
        return new int[] {files.size(), passed};
    }

    /** The published notices whose chain of bases includes the published notice of this id. */
    private List<String> dependents(String id) {
        Path target = drafts.registry().root().resolve(id).toAbsolutePath().normalize();
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(target)) {
            return out;
        }
        for (String other : drafts.registry().noticeIds()) {
            if (other.equals(id)) {
                continue;
            }
            try {
                if (PolicyFiles.resolve(drafts.registry().root().resolve(other), false).layers().contains(target)) {
                    out.add(other);
                }
            } catch (PolicyException broken) {
                // a notice that cannot be read says why when it is used
            }
        }
        return out;
    }

    /**
     * Publishes a draft: checks it (refused with the reasons when anything fails), then puts its rules and scenarios in
     * place of the published ones and commits them as {@code author} with {@code reason}.
     */
    public Published publish(String id, String author, String reason) throws PublishException {
        return publish(id, author, reason, "发布", false);
    }

    /** The same, with the mutation test among the checks when {@code mutants}. */
    public Published publish(String id, String author, String reason, boolean mutants) throws PublishException {
        return publish(id, author, reason, "发布", mutants);
    }

    private Published publish(String id, String author, String reason, String verb, boolean mutants)
            throws PublishException {
        if (author == null || author.isBlank()) {
            throw new PublishException("请写上你的姓名：每次发布都记下是谁发布的。");
        }
        if (reason == null || reason.isBlank()) {
            throw new PublishException("请写明发布的理由（例如依据的通知条款）：历史中每个版本都要说明为什么改。");
        }
        Check check = check(id, mutants);
        if (!check.ok()) {
            throw new PublishException("草稿 " + id + " 没有发布：" + check.refusals().size() + " 项检查未通过。",
                    check.refusals());
        }
        PolicyRegistry registry = drafts.registry();
        Path target = registry.root().resolve(id);
        Path scenariosTarget = drafts.publishedScenariosOf(id);
        boolean isNew = !Files.exists(target);
        try (RulesHistory history = RulesHistory.open(registry.root(), drafts.scenariosRoot())) {
            replace(drafts.rulesOf(id), target);
            if (scenariosTarget != null && Files.isDirectory(drafts.scenariosOf(id))) {
                replace(drafts.scenariosOf(id), scenariosTarget);
            }
            Drafts.delete(drafts.rulesOf(id));
            if (drafts.scenariosOf(id) != null) {
                Drafts.delete(drafts.scenariosOf(id));
            }
            List<Path> paths = new ArrayList<>(List.of(target));
            if (scenariosTarget != null) {
                paths.add(scenariosTarget);
            }
            String message = verb + " " + id + (isNew ? "（新通知）" : "") + "：" + reason.strip() + "\n\n规则指纹 "
                    + check.fingerprint() + "；场景 " + check.passed() + "/" + check.scenarios() + " 通过。";
            String commit = history.commit(paths, author.strip(), message);
            return new Published(id, commit, check);
        } catch (IOException e) {
            throw new PublishException("发布没有完成：" + e.getMessage() + "；规则目录 " + target + " 可能只写了一部分，"
                    + "请用 git status 查看。");
        }
    }

    /**
     * Puts a folder in place of another: copied beside it first, then the old one moved aside and the new one moved in,
     * so that a reader sees the old folder or the new one, never half of each.
     */
    private static void replace(Path from, Path to) throws IOException {
        Path parent = to.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path fresh = Files.createTempDirectory(parent, "." + to.getFileName() + ".new-");
        Path old = parent.resolve("." + to.getFileName() + ".old-" + fresh.getFileName().toString()
                .substring(fresh.getFileName().toString().lastIndexOf('-') + 1));
        try {
            Drafts.copy(from, fresh);
            if (Files.exists(to)) {
                Files.move(to, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, to, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Drafts.delete(fresh);
            Drafts.delete(old);
        }
    }

    /** The published versions of a notice, newest first. */
    public List<RulesHistory.Version> history(String notice) throws PublishException {
        try (RulesHistory history = RulesHistory.open(drafts.registry().root(), drafts.scenariosRoot())) {
            return history.log(drafts.registry().root().resolve(notice));
        }
    }

    /** What a version changed in a notice's rules, from the version before it, in the policy's terms. */
    public List<PolicyDiff.Change> changesIn(String notice, String commit) throws PublishException {
        try (RulesHistory history = RulesHistory.open(drafts.registry().root(), drafts.scenariosRoot())) {
            String full = history.resolve(commit);
            if (full == null) {
                throw new PublishException("历史中没有版本 " + commit + "。");
            }
            Path folder = drafts.registry().root().resolve(notice);
            String parent = history.parentOf(full);
            return PolicyDiff.between(parent == null ? Map.of() : history.filesAt(parent, folder),
                    history.filesAt(full, folder));
        }
    }

    /** One scenario whose total or grade the draft changes: under the notice in force, and under the draft. */
    public record Moved(String scenario, String before, String after) {
    }

    /**
     * The draft's scenarios scored by the notice in force and by the draft: those whose total or grade differ (退回
     * counts as a grade), so that what publishing would change is seen before it is published. Empty for a new notice.
     */
    public List<Moved> movedOnScenarios(String id) throws PublishException {
        PolicyRegistry registry = drafts.registry();
        if (!registry.noticeIds().contains(id) || drafts.scenariosOf(id) == null) {
            return List.of();
        }
        Policy inForce;
        Policy draft;
        try {
            inForce = registry.forNotice(id);
            draft = registry.forNotice(PolicyRegistry.draftRef(id));
        } catch (PolicyException e) {
            throw new PublishException("不能比较：" + e.describe());
        }
        List<Moved> out = new ArrayList<>();
        try {
            Scorer scorer = new Scorer().withTimeout(timeout);
            ScenarioRunner before = new ScenarioRunner(registry, scorer).withPolicy(inForce);
            ScenarioRunner after = new ScenarioRunner(registry, scorer).withPolicy(draft);
            for (Path f : ScenarioReader.find(List.of(drafts.scenariosOf(id)))) {
                String a = outcome(before.run(f));
                String b = outcome(after.run(f));
                if (!a.equals(b)) {
                    out.add(new Moved(drafts.scenariosOf(id).relativize(f).toString(), a, b));
                }
            }
        } catch (IOException e) {
            throw new PublishException("场景读不出：" + e.getMessage());
        }
        return out;
    }

    /** A scenario's result in a word: its total and grade, 退回 with its codes, or why it could not be scored. */
    private static String outcome(ScenarioRunner.Outcome o) {
        jixiao.engine.ScoreResult r = o.result();
        if (r == null) {
            return "不能评分";
        }
        if (!r.rejections().isEmpty()) {
            return "退回（" + r.rejectionCodes("、") + "）";
        }
        return (r.total() == null ? "无总分" : r.total().getScore().stripTrailingZeros().toPlainString() + " 分")
                + " " + (r.grade() == null ? "无等级" : r.grade().getName());
    }

    /**
     * The scenarios of a version (as they were in it) whose total or grade that version changed from the one before:
     * both versions' whole rules folders are read out of the history into a temporary folder and compiled there.
     * Empty for the first version of a notice.
     */
    public List<Moved> movedInVersion(String notice, String commit) throws PublishException {
        Path tmp = null;
        try (RulesHistory history = RulesHistory.open(drafts.registry().root(), drafts.scenariosRoot())) {
            String full = history.resolve(commit);
            if (full == null) {
                throw new PublishException("历史中没有版本 " + commit + "。");
            }
            String parent = history.parentOf(full);
            Path rulesRoot = drafts.registry().root();
            if (parent == null || history.filesAt(parent, rulesRoot.resolve(notice)).isEmpty()) {
                return List.of();
            }
            tmp = Files.createTempDirectory("jixiao-version-");
            RulesHistory.write(history.filesAt(full, rulesRoot), tmp.resolve("after"));
            RulesHistory.write(history.filesAt(parent, rulesRoot), tmp.resolve("before"));
            Path cases = tmp.resolve("scenarios");
            RulesHistory.write(drafts.publishedScenariosOf(notice) == null ? Map.of()
                    : history.filesAt(full, drafts.publishedScenariosOf(notice)), cases);
            Policy after = new PolicyRegistry(tmp.resolve("after"), null).forNotice(notice);
            Policy before = new PolicyRegistry(tmp.resolve("before"), null).forNotice(notice);
            Scorer scorer = new Scorer().withTimeout(timeout);
            ScenarioRunner a = new ScenarioRunner(drafts.registry(), scorer).withPolicy(before);
            ScenarioRunner b = new ScenarioRunner(drafts.registry(), scorer).withPolicy(after);
            List<Moved> out = new ArrayList<>();
            for (Path f : ScenarioReader.find(List.of(cases))) {
                String x = outcome(a.run(f));
                String y = outcome(b.run(f));
                if (!x.equals(y)) {
                    out.add(new Moved(cases.relativize(f).toString(), x, y));
                }
            }
            return out;
        } catch (PolicyException e) {
            throw new PublishException("这一版或前一版的规则现在不能编译，无法比较：" + e.describe());
        } catch (IOException e) {
            throw new PublishException("版本读不出：" + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Drafts.delete(tmp);
                } catch (IOException ignored) {
                    // a temporary folder left behind
                }
            }
        }
    }

    /**
     * Takes, in one of a draft's scenarios, what the draft gives now as what the scenario expects (the total, grade,
     * category and indicator figures that differ), after the analyst has checked that the change is the one intended;
     * returns the differences it cannot take (findings, counts), which stay for the scenario file.
     */
    public List<Expectations.Mismatch> acceptInScenario(String id, String file) throws PublishException {
        Path dir = drafts.scenariosOf(id);
        Path f = dir == null ? null : dir.resolve(file).normalize();
        if (f == null || !f.startsWith(dir) || !file.endsWith(ScenarioReader.SUFFIX) || !Files.isRegularFile(f)) {
            throw new PublishException("草稿 " + id + " 没有场景 " + file + "。");
        }
        Policy draft;
        try {
            draft = drafts.registry().forNotice(PolicyRegistry.draftRef(id));
        } catch (PolicyException e) {
            throw new PublishException("草稿现在不能使用：" + e.describe());
        }
        ScenarioRunner.Outcome o = new ScenarioRunner(drafts.registry(), new Scorer().withTimeout(timeout))
                .withPolicy(draft).run(f);
        if (o.status() == ScenarioRunner.Status.BROKEN) {
            throw new PublishException("场景不能运行：" + o.error());
        }
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
            if (!(tree.get("expect") instanceof com.fasterxml.jackson.databind.node.ObjectNode expect)) {
                throw new PublishException("场景 " + file + " 没有 expect。");
            }
            List<Expectations.Mismatch> left = Expectations.accept(expect, o.mismatches());
            if (left.size() < o.mismatches().size()) {
                Files.writeString(f, jixiao.scenario.Recorder.pretty(tree), java.nio.charset.StandardCharsets.UTF_8);
            }
            return left;
        } catch (IOException e) {
            throw new PublishException("场景 " + file + " 读写不成：" + e.getMessage());
        }
    }

    /** What a draft changes in the notice in force (for a new notice: everything it has), in the policy's terms. */
    public List<PolicyDiff.Change> changesInDraft(String id) throws PublishException {
        try {
            return PolicyDiff.between(read(drafts.registry().root().resolve(id)), read(drafts.rulesOf(id)));
        } catch (IOException e) {
            throw new PublishException("草稿读不出：" + e.getMessage());
        }
    }

    private static Map<String, byte[]> read(Path folder) throws IOException {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (var s = Files.walk(folder)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(folder.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return out;
    }

    /**
     * Rolls a notice back to an earlier version, as a new version: that version's rules and scenarios become a draft,
     * which is checked and published like any other (refused when it no longer passes, e.g. its base has changed).
     */
    public Published rollback(String notice, String commit, String author, String reason) throws PublishException {
        if (!PolicyRegistry.isId(notice) || !drafts.registry().noticeIds().contains(notice)) {
            throw new PublishException("没有已发布的通知 " + notice + "。");
        }
        if (drafts.exists(notice)) {
            throw new PublishException("已有 " + notice + " 的草稿：请先发布或放弃它，再回退。");
        }
        String full;
        Map<String, byte[]> rules;
        Map<String, byte[]> scenarios;
        try (RulesHistory history = RulesHistory.open(drafts.registry().root(), drafts.scenariosRoot())) {
            full = history.resolve(commit);
            if (full == null) {
                throw new PublishException("历史中没有版本 " + commit + "。");
            }
            rules = history.filesAt(full, drafts.registry().root().resolve(notice));
            scenarios = drafts.publishedScenariosOf(notice) == null ? Map.of()
                    : history.filesAt(full, drafts.publishedScenariosOf(notice));
        }
        if (rules.isEmpty()) {
            throw new PublishException("版本 " + commit + " 中没有通知 " + notice + " 的规则。");
        }
        try {
            RulesHistory.write(rules, drafts.rulesOf(notice));
            if (drafts.scenariosOf(notice) != null && !scenarios.isEmpty()) {
                RulesHistory.write(scenarios, drafts.scenariosOf(notice));
            }
        } catch (IOException e) {
            drafts.discard(notice);
            throw new PublishException("回退没有完成：" + e.getMessage());
        }
        try {
            return publish(notice, author, reason == null || reason.isBlank() ? reason
                    : "回到版本 " + full.substring(0, 8) + "，" + reason.strip(), "回退", false);
        } catch (PublishException e) {
            drafts.discard(notice);
            throw e;
        }
    }
}
