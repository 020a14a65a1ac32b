package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jixiao.cli.Main;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drafts, publishing and history from the command line, on a copy of the shipped rules and scenarios: a draft changes
 * nothing anyone scores with until it is published; publishing checks everything and refuses with the reasons; every
 * publish is a commit with a name and a reason, and a rollback is a new one.
 */
class PublishTest {

    @TempDir
    Path home;
    Path rules;
    Path scenarios;

    @BeforeEach
    void copy() throws Exception {
        Fixtures.copyHome(home);
        rules = home.resolve("rules");
        scenarios = home.resolve("scenarios");
    }

    private Fixtures.Run jixiao(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--rules-root";
        all[args.length + 1] = rules.toString();
        return Fixtures.cli(all);
    }

    private Path params(Path folder) {
        return folder.resolve("00-parameters.drl.csv");
    }

    /** 注4 as a draft might change it: 优 from 92 (not 90), 良 80 to 92. */
    private void raise优To92(Path folder, boolean closeTheGap) throws Exception {
        String t = Files.readString(params(folder), StandardCharsets.UTF_8)
                .replace(",10 通知参数,优,90,不限,", ",10 通知参数,优,92,不限,");
        if (closeTheGap) {
            t = t.replace(",10 通知参数,良,80,90,", ",10 通知参数,良,80,92,");
        }
        Files.writeString(params(folder), t, StandardCharsets.UTF_8);
    }

    /** The three scenarios whose totals (90, 90, 91.xx) the new band makes 良, expected as the analyst rewrites them. */
    private void expect良Where优Was(Path dir) throws Exception {
        for (String name : List.of("total-90", "budget-zero", "quantitative-le")) {
            Path f = dir.resolve(name + ".scenario.json");
            Files.writeString(f, Files.readString(f).replaceAll("\"grade\"\\s*:\\s*\"优\"", "\"grade\": \"良\""));
        }
    }

    @Test
    void aDraftChangesNothingUntilPublishedAndIsScoredOnlyWhenNamed() throws Exception {
        byte[] published = Files.readAllBytes(params(rules.resolve("shangjie-2021")));
        Fixtures.Run started = jixiao("draft", "shangjie-2021");
        assertThat(started.exit()).as(started.err()).isZero();
        Path draft = rules.resolve("drafts/shangjie-2021");
        assertThat(draft.resolve("notice.json")).exists();
        assertThat(scenarios.resolve("drafts/shangjie-2021/total-90.scenario.json")).exists();
        raise优To92(draft, false); // a gap: 90-92 gets no grade

        // the published notice is as it was, and every scenario run (drafts' included in the folder) still passes
        assertThat(Files.readAllBytes(params(rules.resolve("shangjie-2021")))).isEqualTo(published);
        Fixtures.Run all = jixiao("test", scenarios.toString());
        assertThat(all.exit()).as(all.out()).isEqualTo(Main.OK);
        assertThat(all.out()).doesNotContain("drafts");
        // named explicitly, the draft scores: total 90 in the gap has no grade
        Fixtures.Run named = jixiao("test", "--rules", "drafts/shangjie-2021",
                scenarios.resolve("shangjie-2021/total-90.scenario.json").toString());
        assertThat(named.exit()).isEqualTo(Main.FAILED);
        assertThat(named.out()).contains("NO_GRADE");
        // the draft's own scenarios, named, are scored by the draft
        Fixtures.Run own = jixiao("test", scenarios.resolve("drafts/shangjie-2021/total-90.scenario.json").toString());
        assertThat(own.exit()).isEqualTo(Main.FAILED);
        // the notices list says there is a draft
        assertThat(jixiao("notices").out()).contains("drafts/shangjie-2021").contains("草稿");
        // a result the draft gives says so, in every form: never to be taken for the notice in force
        Fixtures.Run text = Fixtures.cli("score", "--rules", draft.toString(), Fixtures.SEED.toString());
        assertThat(text.out().lines().findFirst().orElseThrow()).contains("按草稿的规则评分").contains("未发布");
        Fixtures.Run json = Fixtures.cli("score", "--rules", draft.toString(), Fixtures.SEED.toString(), "--format", "json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).path("rulesDraft").asBoolean())
                .isTrue();
        Fixtures.Run inForce = Fixtures.cli("score", "--rules-root", rules.toString(), Fixtures.SEED.toString(),
                "--format", "json");
        assertThat(inForce.out()).doesNotContain("rulesDraft");
        Fixtures.Run html = Fixtures.cli("score", "--rules", draft.toString(), Fixtures.SEED.toString(), "--format", "html");
        assertThat(org.jsoup.Jsoup.parse(html.out()).select("#draft-rules").text()).contains("按草稿的规则评分");
    }

    /**
     * Asked for, the mutation test is one of the checks: a draft left with the seed as its only scenario passes every
     * other check, but the changes its one scenario cannot notice (the 良 band's lower bound, say) refuse it.
     */
    @Test
    void withMutantsAskedForADraftWhoseScenariosNoticeTooLittleIsRefused() throws Exception {
        jixiao("draft", "shangjie-2021");
        try (var files = Files.list(scenarios.resolve("drafts/shangjie-2021"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".scenario.json")).toList()) {
                if (!f.getFileName().toString().equals("seed.scenario.json")) {
                    Files.delete(f);
                }
            }
        }
        Fixtures.Run plain = jixiao("publish", "shangjie-2021", "--check");
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("场景 1/1 通过").contains("可以发布");
        Fixtures.Run mutants = jixiao("publish", "shangjie-2021", "--check", "--mutants");
        assertThat(mutants.exit()).isEqualTo(Main.FAILED);
        assertThat(mutants.err()).contains("不能发布").contains("变异检验：").contains("没有场景发现这一改动")
                .contains("00-parameters.drl.csv");
    }

    /** Before publishing, the draft's scenarios say what it would change: each total or grade, in force → draft. */
    @Test
    void theScenariosWhoseGradeTheDraftChangesAreListedBeforePublishing() throws Exception {
        jixiao("draft", "shangjie-2021");
        var publisher = new jixiao.publish.Publisher(new jixiao.publish.Drafts(
                jixiao.engine.PolicyRegistry.followingDisk(rules), scenarios), java.time.Duration.ofSeconds(30));
        assertThat(publisher.movedOnScenarios("shangjie-2021")).isEmpty(); // a copy changes nothing
        raise优To92(rules.resolve("drafts/shangjie-2021"), true);
        var moved = publisher.movedOnScenarios("shangjie-2021");
        // total-90's submission totals 90 (30 × 66.67/100 = 20.00 in place of 30): 优 from 90, 良 below 92
        assertThat(moved).contains(new jixiao.publish.Publisher.Moved("total-90.scenario.json", "90 分 优", "90 分 良"));
        assertThat(moved).extracting(jixiao.publish.Publisher.Moved::scenario)
                .contains("budget-zero.scenario.json", "quantitative-le.scenario.json")
                .doesNotContain("seed.scenario.json"); // 99.11 stays 优
        assertThat(moved).allSatisfy(m -> assertThat(m.before()).endsWith("优"));
    }

    /** A difference checked and meant is taken into the draft's scenario: its grade, nothing else of the file. */
    @Test
    void theDraftsFiguresAreTakenAsAScenariosNewExpectationsWhenAccepted() throws Exception {
        jixiao("draft", "shangjie-2021");
        raise优To92(rules.resolve("drafts/shangjie-2021"), true);
        Path f = scenarios.resolve("drafts/shangjie-2021/total-90.scenario.json");
        String before = Files.readString(f);
        var publisher = new jixiao.publish.Publisher(new jixiao.publish.Drafts(
                jixiao.engine.PolicyRegistry.followingDisk(rules), scenarios), java.time.Duration.ofSeconds(30));
        assertThat(publisher.acceptInScenario("shangjie-2021", "total-90.scenario.json")).isEmpty();
        assertThat(Files.readString(f)).isEqualTo(before.replace("\"grade\": \"优\"", "\"grade\": \"良\""));
        Fixtures.Run run = jixiao("test", f.toString());
        assertThat(run.exit()).as(run.out()).isZero();
        // a name that is no scenario of the draft, or a path out of it, is refused
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> publisher.acceptInScenario("shangjie-2021",
                "../../shangjie-2021/total-90.scenario.json")).isInstanceOf(jixiao.publish.PublishException.class);
    }

    @Test
    void publishingIsRefusedWithEveryReasonAndWritesNothing() throws Exception {
        byte[] published = Files.readAllBytes(params(rules.resolve("shangjie-2021")));
        jixiao("draft", "shangjie-2021");
        Path draft = rules.resolve("drafts/shangjie-2021");
        raise优To92(draft, false);

        Fixtures.Run gap = jixiao("publish", "shangjie-2021", "--by", "张三", "--reason", "注4 优改为92分");
        assertThat(gap.exit()).isEqualTo(Main.FAILED);
        assertThat(gap.err()).contains("没有发布")
                .contains("等级区间没有恰好覆盖 0-100 分一次：总分 90.00 至 91.99 没有等级：等级区间之间有缺口")
                .contains("场景 total-90.scenario.json 未通过");
        assertThat(Files.readAllBytes(params(rules.resolve("shangjie-2021")))).isEqualTo(published);
        assertThat(draft).exists();

        raise优To92(draft, true); // the gap closed; the scenarios still expect 优 at 90
        Fixtures.Run stale = jixiao("publish", "shangjie-2021", "--by", "张三", "--reason", "注4 优改为92分");
        assertThat(stale.exit()).isEqualTo(Main.FAILED);
        assertThat(stale.err()).doesNotContain("等级区间").contains("total-90.scenario.json 未通过；等级 期望 优，实际 良");

        expect良Where优Was(scenarios.resolve("drafts/shangjie-2021"));
        Fixtures.Run noReason = jixiao("publish", "shangjie-2021", "--by", "张三");
        assertThat(noReason.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(noReason.err()).contains("理由");
        Fixtures.Run noName = jixiao("publish", "shangjie-2021", "--reason", "注4");
        assertThat(noName.err()).contains("姓名");
        assertThat(Files.readAllBytes(params(rules.resolve("shangjie-2021")))).isEqualTo(published);
        assertThat(home.resolve(".git")).doesNotExist(); // nothing published, no history started
    }

    @Test
    void aPublishIsACommitWithTheNameAndReasonAndARollbackIsAnother() throws Exception {
        String before = Files.readString(params(rules.resolve("shangjie-2021")));
        jixiao("draft", "shangjie-2021");
        raise优To92(rules.resolve("drafts/shangjie-2021"), true);
        expect良Where优Was(scenarios.resolve("drafts/shangjie-2021"));

        Fixtures.Run pub = jixiao("publish", "shangjie-2021", "--by", "张三", "--reason", "注4 优改为92分及以上");
        assertThat(pub.exit()).as(pub.err()).isZero();
        assertThat(rules.resolve("drafts/shangjie-2021")).doesNotExist();
        assertThat(scenarios.resolve("drafts/shangjie-2021")).doesNotExist();
        assertThat(Files.readString(params(rules.resolve("shangjie-2021")))).contains(",优,92,不限,");
        // what is published now scores 90 as 良, by the published notice's own name
        Fixtures.Run now = jixiao("test", scenarios.resolve("shangjie-2021/total-90.scenario.json").toString());
        assertThat(now.exit()).as(now.out()).isZero();

        try (Git git = Git.open(home.toFile())) { // a new history, in the folder holding rules/ and scenarios/
            List<RevCommit> log = new java.util.ArrayList<>();
            git.log().call().forEach(log::add);
            assertThat(log).hasSize(2);
            assertThat(log.get(0).getAuthorIdent().getName()).isEqualTo("张三");
            assertThat(log.get(0).getFullMessage()).startsWith("发布 shangjie-2021：注4 优改为92分及以上");
            assertThat(log.get(1).getFullMessage()).startsWith("开始记录规则历史");
            assertThat(git.status().call().isClean()).as(git.status().call().getUntracked().toString()).isTrue();
        }
        Fixtures.Run history = jixiao("history", "shangjie-2021");
        assertThat(history.out().lines().toList()).hasSize(2);
        assertThat(history.out().lines().findFirst().orElseThrow()).contains("张三").contains("注4 优改为92分及以上");
        String first = history.out().lines().toList().get(1).substring(0, 8);
        String published = history.out().lines().findFirst().orElseThrow().substring(0, 8);
        // what that version changed, on its own scenarios: total-90 from 优 to 良; the first version changed nothing
        var publisher = new jixiao.publish.Publisher(new jixiao.publish.Drafts(
                new jixiao.engine.PolicyRegistry(rules, null), scenarios), java.time.Duration.ofSeconds(30));
        assertThat(publisher.movedInVersion("shangjie-2021", published))
                .contains(new jixiao.publish.Publisher.Moved("total-90.scenario.json", "90 分 优", "90 分 良"));
        assertThat(publisher.movedInVersion("shangjie-2021", first)).isEmpty();
        assertThat(publisher.changesIn("shangjie-2021", published)).extracting(Object::toString)
                .containsExactly("改动一行 00-parameters.drl.csv：注4：等级优的总分区间,10 通知参数,优,90,不限,注4 → "
                        + "注4：等级优的总分区间,10 通知参数,优,92,不限,注4", "改动一行 00-parameters.drl.csv：注4：等级良的总分区间,"
                        + "10 通知参数,良,80,90,注4 → 注4：等级良的总分区间,10 通知参数,良,80,92,注4");

        // roll back to the version as found: the old band again, as a third version
        Fixtures.Run refused = jixiao("history", "shangjie-2021", "--rollback", first, "--by", "李四");
        assertThat(refused.exit()).isEqualTo(Main.BAD_INPUT); // no reason
        assertThat(refused.err()).contains("理由");
        assertThat(rules.resolve("drafts/shangjie-2021")).doesNotExist();
        Fixtures.Run back = jixiao("history", "shangjie-2021", "--rollback", first, "--by", "李四",
                "--reason", "复核后仍按90分");
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(Files.readString(params(rules.resolve("shangjie-2021")))).isEqualTo(before);
        assertThat(Files.readString(scenarios.resolve("shangjie-2021/total-90.scenario.json"))).contains("\"优\"");
        Fixtures.Run after = jixiao("history", "shangjie-2021");
        assertThat(after.out().lines().toList()).hasSize(3);
        assertThat(after.out().lines().findFirst().orElseThrow()).contains("李四").contains("回退 shangjie-2021")
                .contains("回到版本 " + first).contains("复核后仍按90分");
    }

    @Test
    void aNewNoticeBuiltOnAPublishedOneIsPinnedAndItsScenariosNameIt() throws Exception {
        Fixtures.Run started = jixiao("draft", "shangjie-2021", "--new", "shangjie-next-test", "--title", "2022 年度自评");
        assertThat(started.exit()).as(started.err()).isZero();
        Path folder = rules.resolve("drafts/shangjie-next-test");
        var meta = new com.fasterxml.jackson.databind.ObjectMapper().readTree(folder.resolve("notice.json").toFile());
        assertThat(meta.path("id").asText()).isEqualTo("shangjie-next-test");
        assertThat(meta.path("base").path("notice").asText()).isEqualTo("shangjie-2021");
        assertThat(meta.path("base").path("fingerprint").asText())
                .isEqualTo(jixiao.engine.PolicyFiles.resolve(rules.resolve("shangjie-2021")).fingerprint());
        assertThat(Files.readString(scenarios.resolve("drafts/shangjie-next-test/submissions/minimal-2021.json")))
                .contains("\"shangjie-next-test\"").doesNotContain("\"shangjie-2021\"");
        assertThat(jixiao("notices").out().lines()).noneMatch(l -> l.startsWith("shangjie-next-test")); // not published yet

        Fixtures.Run pub = jixiao("publish", "shangjie-next-test", "--by", "张三", "--reason", "2022 年度通知与2021年相同");
        assertThat(pub.exit()).as(pub.err()).isZero();
        long copied; // every scenario of the base, copied into the draft, passes
        try (var all = Files.walk(Fixtures.SCENARIOS.resolve("shangjie-2021"))) {
            copied = all.filter(f -> f.toString().endsWith(".scenario.json")).count();
        }
        assertThat(pub.out()).contains("场景 " + copied + "/" + copied + " 通过");
        assertThat(jixiao("notices").out()).contains("shangjie-next-test\t2021");
        // the seed, as the 2022 notice: 99.11 优 as under its base (nothing changed but the name)
        Path seed = scenarios.resolve("shangjie-next-test/justice-bureau-2021.json");
        Fixtures.Run scored = Fixtures.cli("score", "--rules-root", rules.toString(), seed.toString());
        assertThat(scored.exit()).as(scored.err()).isZero();
        assertThat(scored.out()).contains("shangjie-next-test").contains("99.11").contains("优");
    }

    @Test
    void anExistingRepositoryIsUsedAsItIsAndOnlyTheNoticeIsCommitted() throws Exception {
        try (Git git = Git.init().setDirectory(home.toFile()).call()) {
            git.add().addFilepattern("rules").addFilepattern("scenarios").call();
            git.commit().setMessage("as shipped").setAuthor("dev", "dev@example.org")
                    .setCommitter("dev", "dev@example.org").call();
        }
        Files.writeString(home.resolve("notes.txt"), "an unrelated change, staged\n");
        try (Git git = Git.open(home.toFile())) {
            git.add().addFilepattern("notes.txt").call();
        }
        jixiao("draft", "shangjie-2021");
        raise优To92(rules.resolve("drafts/shangjie-2021"), true);
        expect良Where优Was(scenarios.resolve("drafts/shangjie-2021"));
        assertThat(jixiao("publish", "shangjie-2021", "--by", "张三", "--reason", "注4").exit()).isZero();
        try (Git git = Git.open(home.toFile())) {
            RevCommit head = git.log().setMaxCount(1).call().iterator().next();
            assertThat(head.getFullMessage()).startsWith("发布 shangjie-2021：注4");
            var status = git.status().call();
            assertThat(status.getAdded()).containsExactly("notes.txt"); // still staged, not committed
            assertThat(status.getModified()).isEmpty();
            var files = new java.util.ArrayList<String>();
            try (var walk = new org.eclipse.jgit.treewalk.TreeWalk(git.getRepository())) {
                walk.addTree(head.getTree());
                walk.setRecursive(true);
                while (walk.next()) {
                    files.add(walk.getPathString());
                }
            }
            assertThat(files).doesNotContain("notes.txt").contains("rules/shangjie-2021/00-parameters.drl.csv");
        }
    }
}
