package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notice that shares no word with the shipped ones — categories 决策/过程/履职/成效, five tiers, grades 好 / 较好 /
 * 一般 / 较差, one decimal place — built on rules/common, run through every command and every output format. If the
 * host assumed anything of the shipped notices, this is where it shows.
 */
class SyntheticNoticeTest {

    private static final Path SYNTHETIC = Path.of("src/test/resources/synthetic");

    @TempDir
    Path tmp;
    Path root;
    Path scenarios;
    Path example;

    @BeforeEach
    void layOut() throws Exception {
        root = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.RULES.resolve("common"), root.resolve("common"));
        Fixtures.copyTree(SYNTHETIC.resolve("rules/xinqu-2024"), root.resolve("xinqu-2024"));
        scenarios = tmp.resolve("scenarios");
        Fixtures.copyTree(SYNTHETIC.resolve("scenarios/xinqu-2024"), scenarios.resolve("xinqu-2024"));
        example = scenarios.resolve("xinqu-2024/synthetic-2024.json");
        Fixtures.pin(root, "xinqu-2024");
    }

    private Fixtures.Run cli(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = args[0];
        all[1] = "--rules-root";
        all[2] = root.toString();
        System.arraycopy(args, 1, all, 3, args.length - 1);
        return Fixtures.cli(all);
    }

    /** The example with 7 projects done: 40 × 7 ÷ 12 = 23.33 → 23.3, total 78.0, 较好. */
    private Path fewerProjects() throws Exception {
        Path p = tmp.resolve("fewer.json");
        Files.writeString(p, Files.readString(example, StandardCharsets.UTF_8).replace("\"synthetic-2024\"",
                "\"synthetic-2024-b\"").replace("\"actual\": \"10个\"", "\"actual\": \"7个\""), StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void listingCheckingTestingAndPinningKnowNothingOfTheShippedNotices() throws Exception {
        Fixtures.Run notices = cli("notices");
        assertThat(notices.exit()).isZero();
        assertThat(notices.out()).contains("xinqu-2024").contains("（合成的测试通知）");

        Fixtures.Run check = Fixtures.cli("check-rules", root.resolve("xinqu-2024").toString());
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("编译无误").contains("第三条：85分及以上为好");
        assertThat(check.err()).doesNotContain("grade bands");

        Fixtures.Run test = cli("test", scenarios.toString());
        assertThat(test.exit()).as(test.out()).isZero();
        assertThat(test.out()).contains("[xinqu-2024 ").contains("3 passed, 0 failed");

        // three scenarios do not make every shared rule fire: coverage says which, and fails
        Fixtures.Run coverage = cli("test", "--coverage", scenarios.toString());
        assertThat(coverage.exit()).isEqualTo(1);
        assertThat(coverage.out()).contains("coverage of").contains("never fired: 定量指标的实际完成值不是数字的，不得分并退回");

        Fixtures.Run dry = cli("pin", "--dry-run", "xinqu-2024", "--scenarios", scenarios.resolve("xinqu-2024").toString());
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("(unchanged)").contains("3 passed, 0 failed");
    }

    @Test
    void mutantsRunOnItAndNameWhatItsThreeScenariosMiss() throws Exception {
        Fixtures.Run run = cli("test", "--mutants", "xinqu-2024", scenarios.resolve("xinqu-2024").toString());
        assertThat(run.exit()).isEqualTo(1);
        // the 好 band moved from 85 to 86 is caught by nothing (the example's 88 and 86.9 are 好 either way)
        assertThat(run.out()).contains("SURVIVED  xinqu-2024/00-parameters.drl.csv:")
                .contains("50 等级,86,,好").contains("mutation score of xinqu-2024: ");

        // the workbench's list of notices shows this run's score for these rules (and coverage once it has run them)
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+) killed, (\\d+) equivalent, (\\d+) survived")
                .matcher(run.out());
        assertThat(m.find()).isTrue();
        int found = Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2));
        String expected = String.format("%.1f%%", 100.0 * found / (found + Integer.parseInt(m.group(3))));
        try (jixiao.server.ApiServer server = jixiao.server.ApiServer.start(root, scenarios,
                "127.0.0.1", 0, "0123456789abcdef0123456789abcdef")) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            // the link jixiao serve prints opens a session; its cookie holds the session id
            String session = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + server.port() + "/?token=0123456789abcdef0123456789abcdef")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).headers().firstValue("Set-Cookie")
                    .orElseThrow().split(";", 2)[0];
            String page = "";
            for (int i = 0; i < 100 && !page.contains("条规则"); i++) {
                page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + server.port() + "/")).header("Cookie", session).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                Thread.sleep(page.contains("条规则") ? 0 : 200);
            }
            org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(page);
            org.jsoup.nodes.Element row = doc.select("table#notices tr:contains(xinqu-2024)").first();
            // the score is in the maintainers' details view, by the notice's rules fingerprint
            assertThat(doc.select("#technical tr:contains(xinqu-2024) span.mutation").text()).isEqualTo(expected);
            // its three scenarios all pass
            assertThat(row.select("td").get(6).text()).isEqualTo("3");
        }
    }

    @Test
    void everyOutputFormatCarriesItsWordsAndItsOneDecimal() throws Exception {
        Fixtures.Run text = cli("score", example.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("等级  好").contains("【过程】 得分 23.7 / 分值 25")
                .contains("25 × 90 ÷ 95 = 23.7").contains("档次 良好");

        JsonNode json = new ObjectMapper().readTree(cli("score", "--format", "json", example.toString()).out());
        assertThat(json.get("grade").asText()).isEqualTo("好");
        assertThat(json.get("total").decimalValue()).isEqualByComparingTo("88.0");
        assertThat(json.get("categories").findValuesAsText("name")).containsExactly("决策", "过程", "履职", "成效");

        Fixtures.Run lines = cli("score", "--format", "jsonl", example.toString(), fewerProjects().toString());
        assertThat(lines.out().lines()).hasSize(2);
        assertThat(new ObjectMapper().readTree(lines.out().lines().toList().get(1)).get("total").decimalValue())
                .isEqualByComparingTo("78.0");
        assertThat(new ObjectMapper().readTree(lines.out().lines().toList().get(1)).get("grade").asText())
                .isEqualTo("较好");

        Fixtures.Run csv = cli("score", "--format", "csv", example.toString(), fewerProjects().toString());
        assertThat(csv.out()).contains("synthetic-2024,").contains(",88,好,").contains(",78,较好,");

        Path xlsx = tmp.resolve("r.xlsx");
        assertThat(cli("score", "--format", "xlsx", "--out", xlsx.toString(), example.toString()).exit()).isZero();
        try (var wb = org.apache.poi.ss.usermodel.WorkbookFactory.create(xlsx.toFile())) {
            String all = new StringBuilder().append(wb.getSheetAt(0).getRow(1)).toString();
            var formatter = new org.apache.poi.ss.usermodel.DataFormatter();
            StringBuilder cells = new StringBuilder();
            for (var sheet : wb) {
                for (var row : sheet) {
                    for (var cell : row) {
                        cells.append(formatter.formatCellValue(cell)).append('|');
                    }
                }
            }
            assertThat(all).isNotNull();
            assertThat(cells.toString()).contains("|好|").contains("决策").contains("23.7");
        }

        Fixtures.Run html = cli("score", "--format", "html", example.toString());
        assertThat(html.out()).contains("好").contains("决策").contains("23.7");
        Path pages = tmp.resolve("pages");
        assertThat(cli("score", "--format", "html", "--out", pages.toString(), example.toString(),
                fewerProjects().toString()).exit()).isZero();
        String index = Files.readString(pages.resolve("index.html"), StandardCharsets.UTF_8);
        // grades listed from the highest totals down: 好 (88.0) before 较好 (78.0), whatever their characters
        assertThat(index.indexOf("较好")).isGreaterThan(index.indexOf("好"));
        assertThat(index).contains("synthetic-2024-b");
    }

    @Test
    void compareAndTablesWorkForItToo() throws Exception {
        Path strict = Fixtures.derive(root, "xinqu-2024-strict", "xinqu-2024");
        Path params = strict.resolve("00-parameters.drl.csv");
        Files.copy(root.resolve("xinqu-2024/00-parameters.drl.csv"), params);
        Files.writeString(params, Files.readString(params, StandardCharsets.UTF_8)
                .replace(",50 等级,85,,好,", ",50 等级,90,,好,").replace(",50 等级,70,85,较好,", ",50 等级,70,90,较好,"),
                StandardCharsets.UTF_8);
        Fixtures.pin(root, "xinqu-2024-strict");
        Fixtures.Run compare = cli("compare", "--rules", "xinqu-2024", "--rules", "xinqu-2024-strict",
                example.toString(), fewerProjects().toString());
        assertThat(compare.exit()).as(compare.err()).isZero();
        assertThat(compare.out()).contains("好→较好").contains("1 份等级改变");

        // the table holds no evaluator's tier: the round trip uses an example whose qualitative rows are met
        Path met = tmp.resolve("met.json");
        Files.writeString(met, Files.readString(example, StandardCharsets.UTF_8)
                .replace("\"actual\": \"较显著\", \"tier\": \"良好\", \"evaluatorScore\": 16,", "\"actual\": \"显著\","),
                StandardCharsets.UTF_8);
        String layout = "src/main/resources/jixiao/layouts/department-self-evaluation.json";
        Path table = tmp.resolve("met.xlsx");
        assertThat(Fixtures.cli("table", "--layout", layout, "-o", table.toString(), met.toString()).exit()).isZero();
        Fixtures.Run fromTable = cli("score", "--layout", layout, "--format", "json", table.toString());
        assertThat(fromTable.exit()).as(fromTable.err()).isZero();
        // 显著 as targeted is the top tier, 优秀 [90%, 100%] of 20 = [18, 20]; the self-score 16 lies below it and is
        // moved to 18 with a warning: 15 + 23.7 + 33.3 + 18 = 90.0
        JsonNode r = new ObjectMapper().readTree(fromTable.out());
        assertThat(r.get("total").decimalValue()).isEqualByComparingTo("90.0");
        assertThat(r.findValuesAsText("code")).contains("SCORE_OUTSIDE_TIER");
        assertThat(r.get("grade").asText()).isEqualTo("好");
        assertThat(r.get("notice").asText()).isEqualTo("xinqu-2024");
    }
}
