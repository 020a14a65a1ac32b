package jixiao.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jixiao.engine.Notice;
import jixiao.engine.PolicyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "notices", mixinStandardHelpOptions = true,
        description = "Lists the notices whose policy folders are under the rules root.")
final class NoticesCommand implements Callable<Integer> {

    @Option(names = "--rules-root", paramLabel = "DIR", description = "default: ${DEFAULT-VALUE}")
    Path rulesRoot = PolicyRegistry.defaultRoot();

    @Override
    public Integer call() {
        PolicyRegistry registry = new PolicyRegistry(rulesRoot);
        List<Notice> notices = registry.notices();
        if (notices.isEmpty()) {
            System.err.println("jixiao: no policy folder under " + rulesRoot);
            return Main.BAD_RULES;
        }
        for (Notice n : notices) {
            System.out.println(n.id() + "\t" + (n.year() == null ? "" : n.year()) + "\t"
                    + (n.kind() == null ? "" : n.kind()) + "\t" + (n.title() == null ? "" : n.title()));
        }
        for (String draft : registry.draftIds()) { // listed, so that no one forgets one; scored only when named
            System.out.println(PolicyRegistry.draftRef(draft) + "\t\t\t（草稿，未发布）");
        }
        return Main.OK;
    }
}
