package jixiao.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyLinter;
import jixiao.engine.PolicyLoader;
import jixiao.engine.PolicyProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check-rules", mixinStandardHelpOptions = true,
        description = "Compiles policy folders and reports every problem, with file and line; lists phases and rules.")
final class CheckRulesCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "policy folders")
    List<Path> folders;

    /** The submissions of the notice's scenarios (scenarios/<folder name>/), to learn what the policy defines. */
    private static List<jixiao.model.Submission> samples(Path folder) {
        String home = System.getProperty("jixiao.home");
        Path dir = (home == null ? Path.of("scenarios") : Path.of(home, "scenarios"))
                .resolve(folder.toAbsolutePath().normalize().getFileName().toString());
        List<jixiao.model.Submission> out = new java.util.ArrayList<>();
        try {
            jixiao.input.FieldCatalog fields = jixiao.input.FieldCatalog.of(
                    jixiao.engine.PolicyFiles.resolve(folder, false).fields());
            for (Path f : jixiao.scenario.ScenarioReader.find(List.of(dir))) {
                try {
                    var sc = jixiao.scenario.ScenarioReader.read(f);
                    out.add(jixiao.input.SubmissionReader.fromTree(f.toString(), sc.submission(), "sample", fields));
                } catch (jixiao.input.InputException unreadable) {
                    // a broken scenario is reported by jixiao test, not here
                }
            }
        } catch (java.io.IOException | jixiao.engine.PolicyException | RuntimeException none) {
            // no scenarios: lint against the empty submission alone
        }
        return out;
    }

    @Override
    public Integer call() {
        int exit = Main.OK;
        for (Path given : folders) {
            List<Path> checked = List.of(given);
            try {
                if (jixiao.engine.PolicyFiles.resolve(given, false).notice().isShared()) {
                    checked = builtOn(given);
                    System.out.println(given + "：共用规则，单独不计分；随建于其上的通知一并检查：" + (checked.isEmpty()
                            ? "（没有）" : checked.stream().map(f -> f.getFileName().toString()).toList()));
                }
            } catch (PolicyException e) {
                System.err.println("jixiao: " + e.describe());
                exit = Main.BAD_RULES;
                continue;
            }
            for (Path folder : checked) {
            try {
                Policy p = PolicyLoader.load(folder);
                List<jixiao.model.Submission> samples = samples(folder);
                List<PolicyProblem> problems = PolicyLinter.lint(p, samples);
                System.out.println(folder + "：" + p.rules().size() + " 条规则，" + p.phases().size()
                        + " 个阶段，编译无误（规则指纹 " + p.fingerprint() + "）");
                if (!problems.isEmpty()) { // a warning: the rules compile, and may fire on data no sample has
                    System.err.println("jixiao: 提示：" + folder + "：" + problems.size()
                            + " 条规则可能永远不会触发（按空的提交和本通知的场景判断）：");
                    problems.forEach(x -> System.err.println("  " + x));
                }
                List<PolicyProblem> names = PolicyLinter.namesRestating(p);
                if (!names.isEmpty()) { // a warning: the rules are right, what the reports say beside them is not
                    System.err.println("jixiao: 提示：" + folder + "：" + names.size()
                            + " 条规则的名称写的数字与它这一行不符：");
                    names.forEach(x -> System.err.println("  " + x));
                }
                List<PolicyProblem> unnamed = PolicyLinter.unnamedCodes(p);
                if (!unnamed.isEmpty()) { // a warning: the reports show the bare code
                    System.err.println("jixiao: 提示：" + folder + "：" + unnamed.size() + " 个提示代码没有中文名称：");
                    unnamed.forEach(x -> System.err.println("  " + x));
                }
                List<PolicyProblem> tables = PolicyLinter.decisionTables(p);
                if (!tables.isEmpty()) { // compiled, and wrong in silence: a tier not inserted, a row that never holds
                    System.err.println("jixiao: " + folder + "：决策表中有 Drools 会默默略过的格子：");
                    tables.forEach(x -> System.err.println("  " + x));
                    exit = Main.BAD_RULES;
                }
                List<PolicyProblem> tiers = PolicyLinter.tierBands(p, samples);
                if (!tiers.isEmpty()) { // a score in a gap has no tier to be placed in, or two
                    System.err.println("jixiao: " + folder + "：定性指标的档次没有恰好覆盖 0-100% 一次：");
                    tiers.forEach(x -> System.err.println("  " + x));
                    exit = Main.BAD_RULES;
                }
                List<PolicyProblem> levels = PolicyLinter.findingLevels(p);
                if (!levels.isEmpty()) { // a misspelt code in 提示级别: a 退回 that never happens, in silence
                    System.err.println("jixiao: " + folder + "：提示级别表写了没有规则写出的代码：");
                    levels.forEach(x -> System.err.println("  " + x));
                    exit = Main.BAD_RULES;
                }
                List<PolicyProblem> missing = PolicyLinter.missingParameters(p);
                if (!missing.isEmpty()) { // a shared rule that reads words the notice does not give never fires
                    System.err.println("jixiao: " + folder + "：规则读的通知参数，本通知没有给出：");
                    missing.forEach(x -> System.err.println("  " + x));
                    exit = Main.BAD_RULES;
                }
                List<PolicyProblem> bands = PolicyLinter.gradeBands(p);
                if (!bands.isEmpty()) { // some totals would get no grade, or two: scoring them fails (exit 4)
                    System.err.println("jixiao: " + folder + "：等级区间没有恰好覆盖 0-100 分一次：");
                    bands.forEach(x -> System.err.println("  " + x));
                    exit = Main.BAD_RULES;
                }
                for (String phase : p.phases()) {
                    System.out.println("  " + phase);
                    p.rules().stream().filter(r -> phase.equals(r.phase()))
                            .forEach(r -> System.out.println("    " + r.name() + "  (" + r.file() + ")"));
                }
            } catch (PolicyException e) {
                System.err.println("jixiao: " + e.describe());
                exit = Main.BAD_RULES;
            }
            }
        }
        return exit;
    }

    /** The folders beside a shared folder whose chain of bases includes it. */
    private static List<Path> builtOn(Path shared) {
        Path target = shared.toAbsolutePath().normalize();
        List<Path> out = new java.util.ArrayList<>();
        try (var s = java.nio.file.Files.list(target.getParent())) {
            for (Path sibling : s.filter(java.nio.file.Files::isDirectory).sorted().toList()) {
                try {
                    var set = jixiao.engine.PolicyFiles.resolve(sibling, false);
                    if (!sibling.equals(target) && set.layers().contains(target) && !set.notice().isShared()) {
                        out.add(sibling);
                    }
                } catch (PolicyException notAPolicy) {
                    // a folder that is not a policy, or a broken one: it is checked when named itself
                }
            }
        } catch (java.io.IOException e) {
            return out;
        }
        return out;
    }
}
