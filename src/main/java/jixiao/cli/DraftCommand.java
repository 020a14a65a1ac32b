package jixiao.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jixiao.engine.PolicyRegistry;
import jixiao.publish.Drafts;
import jixiao.publish.PublishException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "draft", mixinStandardHelpOptions = true,
        description = {"Starts a draft of a notice in rules/drafts/ (its scenarios in scenarios/drafts/): a working copy "
                + "of the notice, or with --new a new notice built on it. Nothing scores with a draft until it is "
                + "published (jixiao publish), except where it is named as drafts/ID.",
            "With --discard, throws a draft away."})
final class DraftCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NOTICE", description = "the published notice to start from (with --discard: the draft)")
    String notice;

    @Option(names = "--new", paramLabel = "ID", description = "start a new notice of this id built on NOTICE "
            + "(e.g. next year's), instead of a working copy of NOTICE")
    String newId;

    @Option(names = "--title", paramLabel = "TEXT", description = "with --new: the new notice's title")
    String title;

    @Option(names = "--discard", description = "throw the draft NOTICE away (its rules and its scenarios)")
    boolean discard;

    @picocli.CommandLine.Mixin
    RulesHome home = new RulesHome();

    static Path scenariosBeside(Path rulesRoot, Path given) {
        if (given != null) {
            return given;
        }
        Path parent = rulesRoot.toAbsolutePath().normalize().getParent();
        return parent == null ? TestCommand.defaultScenarios() : parent.resolve("scenarios");
    }

    @Override
    public Integer call() {
        Drafts drafts = new Drafts(new PolicyRegistry(home.rulesRoot, null), home.scenarios());
        try {
            if (discard) {
                drafts.discard(notice);
                System.out.println("已放弃草稿 " + notice + "（" + drafts.rulesOf(notice) + "）。");
                return Main.OK;
            }
            Path folder = newId == null ? drafts.workingCopy(notice) : drafts.newNotice(notice, newId, title);
            String id = newId == null ? notice : newId;
            System.out.println("草稿 " + id + " 在 " + folder + "（场景在 " + drafts.scenariosOf(id) + "）。");
            System.out.println("修改后运行它的场景：jixiao test " + drafts.scenariosOf(id) + "；发布：jixiao publish " + id
                    + " --by 姓名 --reason 理由");
            return Main.OK;
        } catch (PublishException e) {
            System.err.println("jixiao: " + e.getMessage());
            return Main.BAD_INPUT;
        }
    }
}
