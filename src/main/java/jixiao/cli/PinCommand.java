package jixiao.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jixiao.engine.Notice;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyFiles;
import jixiao.engine.PolicyLoader;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.scenario.ScenarioReader;
import jixiao.scenario.ScenarioRunner;
import jixiao.scenario.ScenarioRunner.Outcome;
import jixiao.scenario.ScenarioRunner.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pin", mixinStandardHelpOptions = true,
        description = {"Pins a notice to its base as the base is now: writes the base's fingerprint into the notice's "
                + "notice.json.",
            "With --dry-run, writes nothing and runs the notice's scenarios on the base as it is now, to review what a "
                + "change to the base does to the notice before accepting it."})
final class PinCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NOTICE", description = "a notice id under the rules root")
    String notice;

    @Option(names = "--dry-run", description = "write nothing; run the notice's scenarios on its base as it is now")
    boolean dryRun;

    @Option(names = "--rules-root", paramLabel = "DIR", description = "default: ${DEFAULT-VALUE}")
    Path rulesRoot = PolicyRegistry.defaultRoot();

    @Option(names = "--scenarios", paramLabel = "DIR", description = "with --dry-run: the scenarios to run "
            + "(default: scenarios/NOTICE)")
    Path scenarios;

    @Override
    public Integer call() throws IOException {
        PolicyRegistry registry = new PolicyRegistry(rulesRoot, null);
        PolicyFiles unpinned;
        String now;
        Path folder;
        try {
            folder = registry.folderOf(notice);
            unpinned = PolicyFiles.resolve(folder, false);
            Notice.Base base = unpinned.notice().base();
            if (base == null) {
                System.err.println("jixiao: " + notice + " builds on no base (no \"base\" in its notice.json): "
                        + "there is nothing to pin");
                return Main.BAD_INPUT;
            }
            now = PolicyFiles.resolve(PolicyFiles.baseFolder(folder, base.notice())).fingerprint();
            if (dryRun) {
                return dryRun(registry, unpinned, base, now);
            }
            if (now.equals(base.fingerprint())) {
                System.out.println(notice + " is pinned to " + base.notice() + " " + now + " already; nothing to do");
                return Main.OK;
            }
            PolicyLoader.load(unpinned, null); // never pin a base under which the notice does not compile
        } catch (PolicyException e) {
            System.err.println("jixiao: " + e.describe());
            return Main.BAD_RULES;
        }
        Path meta = folder.resolve(PolicyLoader.METADATA_FILE);
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(Files.readString(meta, StandardCharsets.UTF_8));
        ObjectNode baseNode = (ObjectNode) tree.get("base");
        String before = baseNode.path("fingerprint").asText(null);
        baseNode.put("fingerprint", now);
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        Output.write(json.writer(pretty).writeValueAsString(tree) + "\n", meta, System.out);
        System.out.println("pinned " + notice + " to its base " + baseNode.path("notice").asText() + ": "
                + (before == null ? "(no pin)" : before) + " → " + now + "; run `jixiao test` to see its scenarios "
                + "on the new base");
        return Main.OK;
    }

    private int dryRun(PolicyRegistry registry, PolicyFiles unpinned, Notice.Base base, String now)
            throws IOException, PolicyException {
        Policy policy = PolicyLoader.load(unpinned, null);
        System.out.println(notice + ": base " + base.notice() + " pinned at " + base.fingerprint() + ", now " + now
                + (now.equals(base.fingerprint()) ? " (unchanged)" : " (changed)")
                + "; its scenarios on the base as it is now:");
        Path dir = scenarios != null ? scenarios : TestCommand.defaultScenarios().resolve(notice);
        List<Path> files = ScenarioReader.find(List.of(dir));
        if (files.isEmpty()) {
            System.err.println("jixiao: no scenario under " + dir + ": nothing shows what the change does");
            return Main.FAILED;
        }
        ScenarioRunner runner = new ScenarioRunner(registry, new Scorer()).withPolicy(policy);
        List<Outcome> outcomes = new ArrayList<>();
        TestCommand printer = new TestCommand();
        for (Path f : files) {
            Outcome o = runner.run(f);
            outcomes.add(o);
            if (o.status() != Status.PASSED) {
                printer.print(System.out, o);
            }
        }
        long passed = outcomes.stream().filter(o -> o.status() == Status.PASSED).count();
        System.out.println();
        System.out.println(passed + " passed, " + (outcomes.size() - passed) + " failed (nothing written)");
        return passed == outcomes.size() ? Main.OK : Main.FAILED;
    }
}
