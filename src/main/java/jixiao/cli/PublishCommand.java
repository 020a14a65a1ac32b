package jixiao.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import jixiao.publish.PublishException;
import jixiao.publish.Publisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publishes a draft (rules/drafts/ID): checks it first — the rules compile, check-rules finds no "
                + "error, every scenario of the draft passes — and refuses it with each reason when anything fails; "
                + "then puts it in place of the published notice (or makes it a new one) and records it in the rules' "
                + "history (git) with your name and reason.",
            "With --check, only checks."})
final class PublishCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "the draft (rules/drafts/ID)")
    String id;

    @Option(names = "--by", paramLabel = "NAME", description = "who publishes (the history's author)")
    String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why (the history's message), e.g. the clause of "
            + "the notice that changed")
    String reason;

    @Option(names = "--check", description = "check the draft as publishing would, and publish nothing")
    boolean checkOnly;

    @Option(names = "--mutants", description = "also run the mutation test on the draft's scenarios (each number, "
            + "comparator and rule changed in turn; about a minute): a change no scenario notices refuses the draft")
    boolean mutants;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "time the rules may take on one scenario "
            + "(default: ${DEFAULT-VALUE})")
    long timeoutSeconds = 30;

    @picocli.CommandLine.Mixin
    RulesHome home = new RulesHome();

    @Override
    public Integer call() {
        Publisher publisher = home.publisher(Duration.ofSeconds(timeoutSeconds));
        try {
            if (checkOnly) {
                Publisher.Check c = publisher.check(id, mutants);
                print(c);
                if (c.ok()) {
                    System.out.println("草稿 " + id + " 可以发布。");
                    return Main.OK;
                }
                System.err.println("jixiao: 草稿 " + id + " 不能发布：");
                c.refusals().forEach(r -> System.err.println("  " + r));
                return Main.FAILED;
            }
            Publisher.Published p = publisher.publish(id, by, reason, mutants);
            print(p.check());
            System.out.println("已发布 " + id + (p.commit() == null ? "（与已发布的版本相同，历史未变）"
                    : "，历史版本 " + p.commit().substring(0, 8)) + "。");
            return Main.OK;
        } catch (PublishException e) {
            System.err.println("jixiao: " + e.getMessage());
            e.reasons().forEach(r -> System.err.println("  " + r));
            return e.reasons().isEmpty() ? Main.BAD_INPUT : Main.FAILED;
        }
    }

    static void print(Publisher.Check c) {
        System.out.println(c.draft() + "：场景 " + c.passed() + "/" + c.scenarios() + " 通过"
                + (c.fingerprint() == null ? "" : "，规则指纹 " + c.fingerprint()));
        c.warnings().forEach(w -> System.out.println("  提示：" + w));
    }
}
