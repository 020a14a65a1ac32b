package jixiao.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyRegistry;
import jixiao.publish.PolicyDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Writes a notice's 评分细则 as a bureau publishes it, generated from its rules: the parameter tables "
                + "(weights, tiers, grade bands, what is sent back) with their 依据, then each scoring rule in the order "
                + "its phases run, with the clause it cites and an example from the notice's scenarios.")
final class PolicyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NOTICE", description = "a notice id (or drafts/ID for a draft)")
    String notice;

    @Option(names = "--format", paramLabel = "FORMAT", description = "html, md or docx (default: ${DEFAULT-VALUE})")
    String format = "html";

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "the file to write (needed for docx); "
            + "default: stdout")
    Path out;

    @picocli.CommandLine.Mixin
    RulesHome home = new RulesHome();

    @Override
    public Integer call() throws IOException {
        if (!java.util.Set.of("html", "md", "docx").contains(format)) {
            System.err.println("jixiao: --format is html, md or docx, not " + format);
            return Main.BAD_INPUT;
        }
        if (format.equals("docx") && out == null) {
            System.err.println("jixiao: a Word document is written to a file: add --out FILE.docx");
            return Main.BAD_INPUT;
        }
        PolicyRegistry registry = new PolicyRegistry(home.rulesRoot);
        Policy p;
        try {
            p = registry.forNotice(notice);
        } catch (PolicyException e) {
            System.err.println("jixiao: " + e.describe());
            return Main.BAD_RULES;
        }
        Path scenarios = home.scenarios().resolve(notice);
        PolicyDocument doc = PolicyDocument.of(registry, p, scenarios, Duration.ofSeconds(60));
        byte[] bytes = switch (format) {
            case "docx" -> doc.docx();
            case "md" -> doc.markdown().getBytes(StandardCharsets.UTF_8);
            default -> doc.html().getBytes(StandardCharsets.UTF_8);
        };
        if (out == null) {
            System.out.write(bytes);
            System.out.flush();
        } else {
            Output.write(bytes, out, System.out);
        }
        return Main.OK;
    }
}
