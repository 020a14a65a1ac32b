package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jixiao.engine.PolicyFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notices built on notices: a base pinned by its fingerprint, files replaced, added and dropped, shared rules. */
class PolicyLayersTest {

    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void copyRules() throws Exception {
        root = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.SHANGJIE, root.resolve("shangjie-2021")); // brings its base, common, along
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8) + text, StandardCharsets.UTF_8);
    }

    private String pinned() throws Exception {
        return new ObjectMapper().readTree(root.resolve("shangjie-2021/notice.json").toFile())
                .at("/base/fingerprint").asText();
    }

    @Test
    void aChangedBaseStopsTheNoticeBuiltOnItUntilItIsReviewedAndRePinned() throws Exception {
        String before = pinned();
        assertThat(before).isEqualTo(PolicyFiles.resolve(root.resolve("common")).fingerprint());
        // a change in the common base that changes a number: proportional credit halved
        Path functions = root.resolve("common/01-functions.drl");
        String text = Files.readString(functions, StandardCharsets.UTF_8);
        Files.writeString(functions, text.replace("BigDecimal raw = Num.mulDiv(points, numerator, denominator);",
                "BigDecimal raw = Num.mulDiv(points, numerator, denominator).multiply(new BigDecimal(\"0.5\"));"),
                StandardCharsets.UTF_8);

        Fixtures.Run check = Fixtures.cli("check-rules", root.resolve("shangjie-2021").toString());
        assertThat(check.exit()).isEqualTo(3);
        assertThat(check.err().lines().filter(l -> l.contains("has changed since it was pinned")).count()).isOne();
        assertThat(check.err()).contains("the base common of notice shangjie-2021 has changed since it was pinned")
                .contains("jixiao pin shangjie-2021 --dry-run").contains("jixiao pin shangjie-2021");
        Fixtures.Run score = Fixtures.cli("score", "--rules-root", root.toString(), Fixtures.SEED.toString());
        assertThat(score.exit()).isEqualTo(3);
        assertThat(score.out()).isEmpty();
        Fixtures.Run test = Fixtures.cli("test", "--rules-root", root.toString(), "scenarios/shangjie-2021/seed.scenario.json");
        assertThat(test.exit()).isEqualTo(1);
        assertThat(test.out()).contains("BROKEN").contains("has changed since it was pinned");

        // the dry run scores the notice's scenarios on the base as it is now and writes nothing
        Fixtures.Run dry = Fixtures.cli("pin", "--dry-run", "--rules-root", root.toString(), "shangjie-2021",
                "--scenarios", "scenarios/shangjie-2021");
        assertThat(dry.exit()).isEqualTo(1);
        // the seed's 政府采购执行率: 2 × 50 ÷ 90 = 1.11 becomes half of it, 0.56; its total 99.11 − 0.55 = 98.56
        assertThat(dry.out()).contains("FAIL    scenarios/shangjie-2021/seed.scenario.json")
                .contains("期望 99.11，实际 98.56").contains("(changed)").contains("nothing written");
        assertThat(pinned()).isEqualTo(before);

        Fixtures.Run pin = Fixtures.cli("pin", "--rules-root", root.toString(), "shangjie-2021");
        assertThat(pin.exit()).as(pin.err()).isZero();
        String after = pinned();
        assertThat(after).isNotEqualTo(before).isEqualTo(PolicyFiles.resolve(root.resolve("common")).fingerprint());
        assertThat(pin.out()).contains(before + " → " + after);
        assertThat(Fixtures.cli("check-rules", root.resolve("shangjie-2021").toString()).exit()).isZero();
        // and what is scored says which rules scored it: the fingerprint of the whole effective set
        Fixtures.Run json = Fixtures.cli("score", "--rules-root", root.toString(), "--format", "json",
                Fixtures.SEED.toString());
        var r = new ObjectMapper().readTree(json.out());
        assertThat(r.get("rulesFingerprint").asText())
                .isEqualTo(PolicyFiles.resolve(root.resolve("shangjie-2021")).fingerprint())
                .isNotEqualTo(PolicyFiles.resolve(Fixtures.SHANGJIE).fingerprint());
        assertThat(r.get("total").decimalValue()).isEqualByComparingTo("98.56");
    }

    @Test
    void aNoticeThatDoesNotPinItsBaseIsToldHowTo() throws Exception {
        Path meta = root.resolve("shangjie-2021/notice.json");
        Files.writeString(meta, Files.readString(meta).replace(pinned(), "not a pin"), StandardCharsets.UTF_8);
        Fixtures.Run run = Fixtures.cli("check-rules", root.resolve("shangjie-2021").toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("does not pin its base common").contains("\"not a pin\"")
                .contains("jixiao pin shangjie-2021");
    }

    @Test
    void notAllCycleOrDroppedFileMistakesGoUnnoticed() throws Exception {
        Path a = Fixtures.derive(root, "a", "shangjie-2021");
        Path b = Fixtures.derive(root, "b", "a");
        Files.writeString(a.resolve("notice.json"), Files.readString(a.resolve("notice.json"))
                .replace("\"notice\": \"shangjie-2021\"", "\"notice\": \"b\""), StandardCharsets.UTF_8);
        Fixtures.Run cycle = Fixtures.cli("check-rules", b.toString());
        assertThat(cycle.exit()).isEqualTo(3);
        assertThat(cycle.err()).contains("cycle: b → a → b");

        Path c = Fixtures.derive(root, "c", "shangjie-2021");
        Files.writeString(c.resolve("notice.json"), Files.readString(c.resolve("notice.json"))
                .replace("\"base\"", "\"drop\": [\"55-bands.drl\"],\n  \"base\""), StandardCharsets.UTF_8);
        Fixtures.Run drop = Fixtures.cli("pin", "--rules-root", root.toString(), "c");
        assertThat(drop.exit()).isEqualTo(3);
        assertThat(drop.err()).contains("\"drop\" names \"55-bands.drl\", which the base shangjie-2021 does not have")
                .contains("00-parameters.drl.csv");
    }

    @Test
    void aSharedFolderScoresNothingByItselfAndIsCheckedThroughTheNoticesBuiltOnIt() throws Exception {
        Path sub = tmp.resolve("common.json");
        Files.writeString(sub, Files.readString(Fixtures.MINIMAL).replace("\"shangjie-2021\"", "\"common\""),
                StandardCharsets.UTF_8);
        Fixtures.Run score = Fixtures.cli("score", sub.toString());
        assertThat(score.exit()).isEqualTo(3);
        assertThat(score.err()).contains("common is a folder of shared rules");
        // on the shipped notices alone (an analyst's own notice, whose pin a change of common made stale, is not
        // what this is about)
        Fixtures.Run check = Fixtures.cli("check-rules", Fixtures.shippedHome().resolve("rules/common").toString());
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("随建于其上的通知一并检查：[mof-2020-project, shangjie-2021]")
                .contains("mof-2020-project：").contains("编译无误");
    }

    /** What sends a submission back is a cell of the notice's 提示级别 table: one cell changed, one decision changed. */
    @Test
    void aNoticeDecidesInItsParametersTableWhichFindingsSendASubmissionBack() throws Exception {
        Path sub = tmp.resolve("points.json");
        // 完成任务数量 25 points under 产出指标's 30: POINTS_NOT_EQUAL_WEIGHT
        Files.writeString(sub, Files.readString(Fixtures.MINIMAL).replace("\"points\": 30,\n      \"claimed\": 30",
                "\"points\": 25,\n      \"claimed\": 25"), StandardCharsets.UTF_8);
        Fixtures.Run sentBack = Fixtures.cli("score", "--rules-root", root.toString(), sub.toString());
        assertThat(sentBack.exit()).isEqualTo(2);
        assertThat(sentBack.err()).contains("POINTS_NOT_EQUAL_WEIGHT");

        Path params = root.resolve("shangjie-2021/00-parameters.drl.csv");
        String csv = Files.readString(params, StandardCharsets.UTF_8);
        assertThat(csv).contains(",POINTS_NOT_EQUAL_WEIGHT,reject");
        Files.writeString(params, csv.replace(",POINTS_NOT_EQUAL_WEIGHT,reject", ",POINTS_NOT_EQUAL_WEIGHT,error"),
                StandardCharsets.UTF_8);
        Fixtures.Run scored = Fixtures.cli("score", "--rules-root", root.toString(), "--format", "json", sub.toString());
        assertThat(scored.exit()).as(scored.err()).isZero();
        var r = new ObjectMapper().readTree(scored.out());
        // 100 − 30 + 25 = 95, with the finding kept as an error, made by the rule that found it
        assertThat(r.get("total").decimalValue()).isEqualByComparingTo("95");
        var finding = r.get("findings").findParents("code").stream()
                .filter(f -> f.get("code").asText().equals("POINTS_NOT_EQUAL_WEIGHT")).findFirst().orElseThrow();
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("rule").asText()).isEqualTo("三级指标分值之和不等于一级指标分值的，退回");

        // a level that is not one: refused when the rules compile, naming the table
        Files.writeString(params, csv.replace(",POINTS_NOT_EQUAL_WEIGHT,reject", ",POINTS_NOT_EQUAL_WEIGHT,Reject"),
                StandardCharsets.UTF_8);
        Fixtures.Run bad = Fixtures.cli("check-rules", root.resolve("shangjie-2021").toString());
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(bad.err()).contains("00-parameters.drl.csv").contains("\"Reject\"").contains("reject, error, warning, info");
    }

    /** A notice may declare its own working types in DRL: they work, and such a policy is compiled each run. */
    @Test
    void aTypeDeclaredInDrlWorksAndThePolicyIsCompiledEachRunNotCachedAndThrownAway() throws Exception {
        Path folder = Fixtures.derive(root, "sj-declared", "shangjie-2021");
        Files.writeString(folder.resolve("63-full-marks.drl"), """
                package jixiao.policy;
                import jixiao.model.*;
                declare 满分指标
                    indicator : Indicator
                end
                rule "得满分的指标记下来"
                    ruleflow-group "60 复核"
                when
                    IndicatorScore( $i : indicator, score == indicator.points )
                then
                    insert(new 满分指标($i));
                end
                rule "得满分的指标多于五项的，提示"
                    ruleflow-group "61 复核续"
                when
                    Number( intValue > 5 ) from accumulate( 满分指标(), count(1) )
                then
                    insert(new Finding("info", "MANY_FULL_MARKS", null, "得满分的指标多于五项"));
                end
                """, StandardCharsets.UTF_8);
        Fixtures.pin(root, "sj-declared");
        Path cacheDir = tmp.resolve("cache");
        for (int run = 0; run < 2; run++) {
            var policy = jixiao.engine.PolicyLoader.load(folder, new jixiao.engine.PolicyCache(cacheDir));
            assertThat(policy.fromCache()).isFalse();
            var r = new jixiao.engine.Scorer().score(policy, jixiao.input.SubmissionReader.read(Fixtures.SEED));
            // every row of the seed but 政府采购执行率 is at full marks: far more than five
            assertThat(r.findings()).anyMatch(f -> f.getCode().equals("MANY_FULL_MARKS"));
            assertThat(r.total().getScore()).isEqualByComparingTo("99.11");
        }
        try (var entries = Files.list(cacheDir)) {
            assertThat(entries.filter(f -> f.toString().endsWith(".kpkg"))).isEmpty();
        }
    }

    private static final Pattern RULE = Pattern.compile("(?ms)^rule\\s+\"([^\"]+)\"(.*?)^end\\s*$");
    private static final Pattern FUNCTION = Pattern.compile("(?m)^function\\s+\\S+\\s+([^\\s(]+)\\s*\\(");

    /** What the shipped notices share is written once: no rule, rule body or function is repeated across rules/. */
    @Test
    void theShippedNoticesWriteWhatTheyShareOnce() throws Exception {
        Map<String, String> names = new HashMap<>();
        Map<String, String> bodies = new HashMap<>();
        Map<String, String> functions = new HashMap<>();
        List<String> repeated = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        // the shipped folders only: an analyst's own notice or draft may well copy a rule while it is being changed
        for (String folder : java.util.stream.Stream.concat(java.util.stream.Stream.of("common"),
                Fixtures.SHIPPED.stream()).toList()) {
            try (var s = Files.walk(Fixtures.RULES.resolve(folder))) {
                s.filter(p -> p.toString().endsWith(".drl")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(8);
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Matcher r = RULE.matcher(text);
            while (r.find()) {
                String body = r.group(2).replaceAll("(?m)//.*$", "").replaceAll("\\s+", " ").strip();
                String was = names.put(r.group(1), f.toString());
                if (was != null) {
                    repeated.add("rule \"" + r.group(1) + "\" in " + was + " and " + f);
                }
                was = bodies.put(body, f + " \"" + r.group(1) + "\"");
                if (was != null) {
                    repeated.add("the same rule body in " + was + " and " + f + " \"" + r.group(1) + "\"");
                }
            }
            Matcher fn = FUNCTION.matcher(text);
            while (fn.find()) {
                String was = functions.put(fn.group(1), f.toString());
                if (was != null) {
                    repeated.add("function " + fn.group(1) + " in " + was + " and " + f);
                }
            }
        }
        assertThat(repeated).isEmpty();
        assertThat(functions).containsKeys("比例计分", "得分取舍", "读作");
        // and a notice's own file never repeats its base's word for word
        for (String notice : List.of("shangjie-2021", "mof-2020-project")) {
            PolicyFiles set = PolicyFiles.resolve(Fixtures.RULES.resolve(notice));
            assertThat(set.layers()).extracting(p -> p.getFileName().toString()).containsExactly("common", notice);
            for (var own : set.files()) {
                Path inBase = Fixtures.RULES.resolve("common").resolve(own.name());
                if (own.label().equals(own.name()) && Files.exists(inBase)) {
                    assertThat(Files.readString(inBase)).as(own.name()).isNotEqualTo(own.text());
                }
            }
        }
    }

    /**
     * A rule written once: no two rules of the shipped notices and their shared base differ only by their strings and
     * numbers (a category's name, a clause cited, a row's name, a threshold). Such a pair belongs in common/, its
     * literals in the notices' parameter tables (措辞, 分值并入). Two rules are compared with their comments dropped,
     * every string and number made one placeholder, and spaces made one.
     */
    @Test
    void noTwoShippedRulesDifferOnlyByTheirLiterals() throws Exception {
        Pattern rule = Pattern.compile("(?ms)^rule\\s+\"([^\"]+)\"(.*?)^end\\s*$");
        Map<String, String> seen = new HashMap<>();
        List<String> twins = new ArrayList<>();
        List<Path> folders = new ArrayList<>(List.of(Fixtures.RULES.resolve("common")));
        for (String id : Fixtures.SHIPPED) {
            folders.add(Fixtures.RULES.resolve(id));
        }
        int rules = 0;
        for (Path folder : folders) {
            try (var files = Files.list(folder)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                    Matcher m = rule.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) {
                        rules++;
                        String shape = m.group(2).replaceAll("//[^\\n]*", "")
                                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "S")
                                .replaceAll("\\b\\d+(?:\\.\\d+)?\\b", "N")
                                .replaceAll("\\s+", " ").strip();
                        String here = Fixtures.RULES.relativize(f) + " “" + m.group(1) + "”";
                        String before = seen.putIfAbsent(shape, here);
                        if (before != null) {
                            twins.add(before + " ~ " + here);
                        }
                    }
                }
            }
        }
        assertThat(rules).as("rules read").isGreaterThan(50);
        assertThat(twins).as("rules that differ only by strings and numbers").isEmpty();
    }
}
