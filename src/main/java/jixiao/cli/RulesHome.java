package jixiao.cli;

import java.nio.file.Path;
import java.time.Duration;
import jixiao.engine.PolicyRegistry;
import jixiao.publish.Drafts;
import jixiao.publish.Publisher;
import picocli.CommandLine.Option;

/** Where the rules and their scenarios are, for the commands that draft, publish and read history (a picocli mixin). */
final class RulesHome {

    @Option(names = "--rules-root", paramLabel = "DIR", description = "default: ${DEFAULT-VALUE}")
    Path rulesRoot = PolicyRegistry.defaultRoot();

    @Option(names = "--scenarios-root", paramLabel = "DIR", description = "default: scenarios beside the rules root")
    Path scenariosRoot;

    /** The scenarios folder: as given, else beside the rules root (home/rules, home/scenarios). */
    Path scenarios() {
        return DraftCommand.scenariosBeside(rulesRoot, scenariosRoot);
    }

    Publisher publisher(Duration timeout) {
        return new Publisher(new Drafts(new PolicyRegistry(rulesRoot, null), scenarios()), timeout);
    }
}
