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

    @Override
    public Integer call() {
        int exit = Main.OK;
        for (Path folder : folders) {
            try {
                Policy p = PolicyLoader.load(folder);
                List<PolicyProblem> problems = PolicyLinter.lint(p);
                System.out.println(folder + ": " + p.rules().size() + " rules in " + p.phases().size()
                        + " phases, compiled without errors (fingerprint " + p.fingerprint() + ")");
                if (!problems.isEmpty()) {
                    System.err.println("jixiao: " + folder + ": " + problems.size() + " rule(s) can never fire:");
                    problems.forEach(x -> System.err.println("  " + x));
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
        return exit;
    }
}
