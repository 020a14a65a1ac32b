package jixiao.cli;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import jixiao.publish.PublishException;
import jixiao.publish.Publisher;
import jixiao.publish.RulesHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Lists the published versions of a notice, newest first: when, by whom, why.",
            "With --rollback, publishes an earlier version again as a new version (checked as any publish is)."})
final class HistoryCommand implements Callable<Integer> {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Parameters(paramLabel = "NOTICE", description = "a published notice")
    String notice;

    @Option(names = "--rollback", paramLabel = "VERSION", description = "the version to go back to (its id as listed)")
    String rollback;

    @Option(names = "--by", paramLabel = "NAME", description = "with --rollback: who rolls back")
    String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "with --rollback: why")
    String reason;

    @picocli.CommandLine.Mixin
    RulesHome home = new RulesHome();

    @Override
    public Integer call() {
        Publisher publisher = home.publisher(Duration.ofSeconds(30));
        try {
            if (rollback != null) {
                Publisher.Published p = publisher.rollback(notice, rollback, by, reason);
                PublishCommand.print(p.check());
                System.out.println("已回退 " + notice + " 到版本 " + rollback + (p.commit() == null
                        ? "（与现行版本相同，历史未变）" : "，新的历史版本 " + p.commit().substring(0, 8)) + "。");
                return Main.OK;
            }
            List<RulesHistory.Version> versions = publisher.history(notice);
            if (versions.isEmpty()) {
                System.out.println(notice + " 还没有发布记录（规则目录的 git 历史中没有改动它的提交）。");
                return Main.OK;
            }
            for (RulesHistory.Version v : versions) {
                String first = v.message().lines().findFirst().orElse("");
                System.out.println(v.shortId() + "  " + WHEN.format(v.when()) + "  " + v.author() + "  " + first);
            }
            return Main.OK;
        } catch (PublishException e) {
            System.err.println("jixiao: " + e.getMessage());
            e.reasons().forEach(r -> System.err.println("  " + r));
            return e.reasons().isEmpty() ? Main.BAD_INPUT : Main.FAILED;
        }
    }
}
