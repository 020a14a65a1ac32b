package jixiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jixiao.server.ApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workbench as an analyst uses it, in a real browser (Debian's chromium, driven through its chromedriver by
 * Selenium): clicks and keystrokes, not requests made for the page. On copies of the shipped notices and scenarios, so
 * that saving writes files no one else reads. Screenshots at 1366×768 go to target/screenshots (those in docs/ were
 * taken so). Skipped, saying why, where chromium or chromedriver is not installed (.ci/run installs both).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchBrowserTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target/screenshots");

    /** Selenium looks for DevTools bindings of this chromium's version and says so at WARNING; we use none. */
    private static final java.util.logging.Logger DEVTOOLS = java.util.logging.Logger.getLogger(
            "org.openqa.selenium.devtools");

    private static Path root;
    private static Path rules;
    private static Path scenarios;
    private static ApiServer server;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "chromium or chromedriver is "
                + "not installed (apt-get install chromium chromium-driver; .ci/run does it when it can) — skipping "
                + "the workbench's tests in a browser");
        DEVTOOLS.setLevel(java.util.logging.Level.SEVERE);
        root = Files.createTempDirectory("jixiao-browser");
        rules = root.resolve("rules");
        scenarios = root.resolve("scenarios");
        for (String notice : List.of("shangjie-2021", "mof-2020-project")) {
            Fixtures.copyTree(Fixtures.RULES.resolve(notice), rules.resolve(notice));
            Fixtures.copyTree(Fixtures.SCENARIOS.resolve(notice), scenarios.resolve(notice));
        }
        server = ApiServer.start(rules, scenarios, "127.0.0.1", 0, TOKEN);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1366,768", "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory("jixiao-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        // the link jixiao serve prints: the token once, then a cookie
        browser.get(url("/?token=" + TOKEN));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static void shot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static WebElement waitFor(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** The row of a decision table (on the table editor) whose cells hold the given value. */
    private static List<WebElement> row(String table, String value) {
        for (WebElement tr : browser.findElements(By.cssSelector("table.grid[data-table='" + table + "'] tbody tr"))) {
            List<WebElement> inputs = tr.findElements(By.tagName("input"));
            if (inputs.stream().anyMatch(i -> value.equals(i.getAttribute("value")))) {
                return inputs;
            }
        }
        throw new AssertionError("no row with " + value + " in decision table " + table);
    }

    /** A JSON Lines file of these submissions, one a line, then a last line as given (or none). */
    private static Path jsonLines(String name, String lastLine, Path... submissions) throws Exception {
        StringBuilder text = new StringBuilder();
        for (Path s : submissions) {
            text.append(new ObjectMapper().readTree(Files.readString(s))).append('\n');
        }
        if (lastLine != null) {
            text.append(lastLine).append('\n');
        }
        Path lines = root.resolve(name);
        Files.writeString(lines, text, StandardCharsets.UTF_8);
        return lines;
    }

    /** The seed with 政府采购执行率's actual written as words: the rules send it back (ACTUAL_NOT_A_NUMBER). */
    private static Path sentBack() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode seed = Fixtures.sentBackSeed();
        seed.put("id", "sent-back");
        Path file = root.resolve("sent-back.json");
        Files.writeString(file, seed.toString(), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    @Order(5)
    void aSubmissionTheRulesSendBackShowsAs退回WithItsReasonAndNoGrade() throws Exception {
        browser.get(url("/score"));
        browser.findElement(By.id("file")).sendKeys(sentBack().toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#score button[type=submit]")).click();
        assertThat(waitFor("#sent-back").getText()).contains("退回").contains("不给出总分和等级").contains("不是数字");
        assertThat(browser.findElements(By.id("grade"))).isEmpty();
        assertThat(browser.findElements(By.id("total"))).isEmpty();
        shot("workbench-sent-back.png");
    }

    private static void retype(WebElement input, String value) {
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value);
    }

    @Test
    @Order(1)
    void startADraftRaiseAGradeBandInTheTableSeeTheSeedScenarioFailPutItBackSeeAllPass() throws Exception {
        Path params = rules.resolve("drafts/shangjie-2021/00-parameters.drl.csv");
        byte[] original = Files.readAllBytes(rules.resolve("shangjie-2021/00-parameters.drl.csv"));
        raiseAndRestoreTheGradeBand(params, original);
        // the notice in force was never touched
        assertThat(Files.readAllBytes(rules.resolve("shangjie-2021/00-parameters.drl.csv"))).isEqualTo(original);
    }

    private void raiseAndRestoreTheGradeBand(Path params, byte[] original) throws Exception {
        browser.get(url("/"));
        // the list of notices shows each notice's scenarios, how many pass and what they cover, once they have run
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notices"), "条规则"));
        assertThat(browser.findElement(By.id("notices")).getText()).contains("mof-2020-project").contains("覆盖")
                .contains("现行：2021 年度的自评").doesNotContain("变异");
        assertThat(browser.findElement(By.id("technical")).getAttribute("textContent")).contains("变异得分");
        shot("workbench-notices.png");
        browser.findElement(By.linkText("shangjie-2021")).click();
        assertThat(waitFor("h1").getText()).isEqualTo("shangjie-2021");
        assertThat(browser.findElement(By.id("status")).getText()).contains("现行");
        // the decision tables are shown as tables on the policy page, each row with its line
        // (一级指标默认分值, 分值并入, 定性指标档次, 等级, 提示级别, 措辞)
        assertThat(browser.findElements(By.cssSelector("table.decision-table")).size()).isEqualTo(6);
        shot("workbench-policy.png");
        // the rules in force are read-only: changes are made in a draft
        browser.findElement(By.cssSelector("#start-draft button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "（草稿）"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("草稿（未发布）").contains("仍用现行的");
        assertThat(browser.findElement(By.id("draft-changes")).getText()).contains("0 处");
        browser.findElements(By.linkText("按表格编辑")).get(3).click(); // the fourth table: 等级
        waitFor("table.grid[data-table='等级']");
        shot("workbench-table-editor.png");

        List<WebElement> best = row("等级", "优");
        List<WebElement> good = row("等级", "良");
        assertThat(best.get(3).getAttribute("value")).isEqualTo("90");
        retype(best.get(3), "99.5");
        retype(good.get(4), "99.5");
        good.get(4).sendKeys(Keys.chord(Keys.CONTROL, "s"));
        wait.until(ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile("[1-9][0-9]* 个未通过")));
        assertThat(Files.readString(params, StandardCharsets.UTF_8)).contains(",10 通知参数,优,99.5,不限,")
                .contains(",10 通知参数,良,80,99.5,");
        String failing = browser.findElement(By.id("scenario-results")).getText();
        assertThat(failing).contains("seed.scenario.json").contains("grade").contains("优").contains("良");
        shot("workbench-table-failing.png");

        retype(row("等级", "优").get(3), "90");
        retype(row("等级", "良").get(4), "90");
        browser.findElement(By.id("save")).click();
        waitFor("#all-passed");
        assertThat(browser.findElement(By.id("status")).getText()).contains("，0 个未通过");
        // a row put back as it was is written back byte for byte: the file is as it was before
        assertThat(Files.readAllBytes(params)).isEqualTo(original);
    }

    @Test
    @Order(2)
    void aRuleFileInTheCodeEditorShowsACompileErrorAtItsLineAndUndoMendsIt() throws Exception {
        Path file = rules.resolve("drafts/shangjie-2021/41-weight-checks.drl");
        String original = Files.readString(file, StandardCharsets.UTF_8);
        breakAndMend(file, original);
    }

    private void breakAndMend(Path file, String original) throws Exception {
        browser.get(url("/drafts/shangjie-2021"));
        browser.findElement(By.partialLinkText("41-weight-checks.drl:")).click();
        WebElement code = waitFor("#code .cm-content");
        // highlighted as DRL: keywords and strings have their own colours
        assertThat(browser.findElements(By.cssSelector("#code .cm-line span")).size()).isGreaterThan(10);
        code.click();
        code.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), Keys.ENTER, "rule \"半截规则\" when then");
        code.sendKeys(Keys.chord(Keys.CONTROL, "s"));
        WebElement problems = waitFor("#problems");
        assertThat(problems.getText()).contains("41-weight-checks.drl:");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("半截规则");
        // the broken draft changes nothing for anyone else: the API scores by the notice in force meanwhile
        assertThat(apiGrade(Fixtures.SEED)).isEqualTo("优");
        // the problem is marked at its line in the editor's gutter, and said in Chinese
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#code .cm-lint-marker-error")));
        assertThat(problems.getText()).contains("第").contains("行").doesNotContain("mismatched");
        shot("workbench-editor.png");
        // the editor's search panel speaks Chinese too
        code.sendKeys(Keys.chord(Keys.CONTROL, "f"));
        WebElement find = waitFor("#code .cm-search input[name=search]");
        assertThat(find.getAttribute("placeholder")).isEqualTo("查找");
        assertThat(browser.findElement(By.cssSelector("#code .cm-search")).getText()).contains("下一个")
                .contains("全部替换").doesNotContain("replace");
        find.sendKeys(Keys.ESCAPE);
        code.click();

        for (int i = 0; i < 10 && browser.findElement(By.cssSelector("#code .cm-content")).getText().contains("半截");
             i++) {
            code.sendKeys(Keys.chord(Keys.CONTROL, "z"));
        }
        browser.findElement(By.id("save")).click();
        waitFor("#all-passed");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(original);
    }

    @Test
    @Order(3)
    void uploadTheSeedTableSee9911优WithTheProcurementFindingAndKeepItAsAScenario() throws Exception {
        browser.get(url("/score"));
        browser.findElement(By.id("file")).sendKeys(Path.of("scenarios/shangjie-2021/justice-bureau-2021.xlsx")
                .toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#score button[type=submit]")).click();
        assertThat(waitFor("#total").getText()).contains("99.11");
        assertThat(browser.findElement(By.id("grade")).getText()).contains("优");
        // the finding on 政府采购执行率 (self-scored 10, recomputed lower) is in the findings table
        assertThat(browser.findElements(By.xpath("//h2[starts-with(., '复核提示')]/following-sibling::table[1]"
                + "//tr[contains(td[2], 'SELF_SCORE_DIFFERS') and contains(td[2], '自评得分与重算不符') and "
                + "contains(td[3], '政府采购执行率')]"))).hasSize(1);
        shot("workbench-scored.png");
        // 只看失分项: 99.11 is 100 less 政府采购执行率's 0.89 (2 × 50/90 = 1.11 of 2), the only row left
        java.util.function.Supplier<List<String>> shownRows = () -> browser.findElements(
                By.cssSelector("div.indicators tr")).stream().skip(1).filter(WebElement::isDisplayed)
                .map(WebElement::getText).toList();
        assertThat(shownRows.get().size()).isGreaterThan(20);
        browser.findElement(By.cssSelector("label[for=only-lost]")).click();
        assertThat(shownRows.get()).hasSize(1).allSatisfy(r -> assertThat(r).contains("政府采购执行率").contains("1.11"));
        browser.findElement(By.cssSelector("label[for=only-lost]")).click();

        WebElement name = browser.findElement(By.id("scenario-name"));
        retype(name, "browser-recorded");
        browser.findElement(By.id("record-save")).click();
        assertThat(waitFor("#recorded").getText()).isEqualTo("browser-recorded.scenario.json");
        Path scenario = scenarios.resolve("shangjie-2021/browser-recorded.scenario.json");
        JsonNode kept = new ObjectMapper().readTree(scenario.toFile());
        assertThat(kept.path("expect").path("total").decimalValue()).isEqualByComparingTo("99.11");
        assertThat(kept.path("expect").path("grade").asText()).isEqualTo("优");
        assertThat(kept.path("submission").path("department").asText()).isNotBlank();
        // the same name again is not overwritten without asking
        browser.findElement(By.id("record-save")).click();
        waitFor("#record-replace");
        // the kept scenario passes as a scenario of the notice
        browser.get(url("/notices/shangjie-2021/scenarios/browser-recorded.scenario.json"));
        assertThat(waitFor("#status").getText()).isEqualTo("通过");
    }

    @Test
    @Order(4)
    void aBatchUploadShowsProgressTheGradeChartTheFindingsByCodeAndWhatFailed() throws Exception {
        Path lines = jsonLines("three.jsonl", "{oops", Fixtures.SEED, sentBack(), Fixtures.SEED, Fixtures.MINIMAL);
        browser.get(url("/score"));
        browser.findElement(By.id("file")).sendKeys(lines.toAbsolutePath() + "\n"
                + Path.of("scenarios/shangjie-2021/justice-bureau-2021.xlsx").toAbsolutePath());
        browser.findElement(By.cssSelector("#score button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "完成"));
        // the seed twice, the minimal submission, its table, a line that is no JSON, and the seed sent back (退回):
        // 2 without a score
        assertThat(browser.findElement(By.id("progress-text")).getText()).contains("共 6 份").contains("退回 2 份");
        assertThat(browser.findElement(By.id("progress")).getAttribute("value")).isEqualTo("6");
        // four scored 优 (the seed twice in the lines and once as its table, the minimal one): one bar of 4
        List<WebElement> bars = browser.findElements(By.cssSelector("#grades rect"));
        assertThat(bars).hasSize(1);
        assertThat(browser.findElement(By.id("grades")).getText()).contains("优").contains("4 份");
        assertThat(browser.findElement(By.id("failures")).getText()).contains("three.jsonl 第 5 行").contains("不能评分");
        // the sent-back submission is counted as 退回 with its reason, and shown nowhere with a total or grade
        WebElement back = browser.findElement(By.xpath("//table[@id='failures']//tr[td[2] = '退回']"));
        assertThat(back.getText()).contains("政府采购执行率").contains("不是数字");
        assertThat(browser.findElement(By.id("codes")).getText()).contains("SELF_SCORE_DIFFERS").contains("提示")
                .doesNotContain("warning");
        assertThat(browser.findElements(By.cssSelector("#results tr"))).hasSize(1 + 4);
        java.util.function.Supplier<Long> shown = () -> browser.findElements(By.cssSelector("#results tr")).stream()
                .skip(1).filter(WebElement::isDisplayed).count();
        assertThat(shown.get()).isEqualTo(4);
        // 只看失分的提交: the minimal submission has every point (100) and is hidden; the seed's three (99.11) stay
        browser.findElement(By.id("only-lost-points")).click();
        assertThat(shown.get()).isEqualTo(3);
        browser.findElement(By.id("only-lost-points")).click();
        // a code picked in the findings table lists the submissions that have it: the seed's self-scores differ
        browser.findElement(By.xpath("//table[@id='codes']//tr[td[1] = 'SELF_SCORE_DIFFERS']")).click();
        assertThat(shown.get()).isEqualTo(3);
        browser.findElement(By.id("show-all")).click();
        assertThat(shown.get()).isEqualTo(4);
        shot("workbench-batch.png");
        // the downloads Excel opens: one row per submission (a header, then 6), one per finding
        String table = (String) download("download-csv", "r.text()");
        List<String> csvLines = table.lines().toList();
        assertThat(csvLines).hasSize(7);
        assertThat(csvLines.get(0)).startsWith("提交,单位,总分,等级"); // the text, decoded: its byte order mark is read
        Object bom = download("download-csv", "r.arrayBuffer()).then(b => Array.from(new Uint8Array(b).slice(0, 3))"
                + ".join(',')");
        assertThat(bom).isEqualTo("239,187,191"); // EF BB BF: Excel reads the file as UTF-8
        assertThat(csvLines.stream().filter(l -> l.contains(",99.11,优,"))).hasSize(3);
        assertThat(csvLines.stream().filter(l -> l.contains(",100,优,"))).hasSize(1);
        assertThat(csvLines.stream().filter(l -> l.contains(",退回,"))).hasSize(1);
        String findingsCsv = (String) download("download-findings", "r.text()");
        assertThat(findingsCsv).contains("SELF_SCORE_DIFFERS,自评得分与重算不符").contains("ACTUAL_NOT_A_NUMBER");
        // each row opens its submission's own report, in a tab of its own
        String here = browser.getWindowHandle();
        browser.findElements(By.cssSelector("#results button")).get(0).click();
        wait.until(d -> d.getWindowHandles().size() == 2);
        for (String w : browser.getWindowHandles()) {
            if (!w.equals(here)) {
                browser.switchTo().window(w);
            }
        }
        assertThat(waitFor("#total").getText()).contains("99.11");
        browser.close();
        browser.switchTo().window(here);
    }

    @Test
    @Order(5)
    void compareTwoNoticesOverUploadedSubmissions() throws Exception {
        // next year's notice as an analyst would start it: this year's with the 优 band raised to 99.5
        Path raised = rules.resolve("shangjie-2022-draft");
        Fixtures.copyTree(rules.resolve("shangjie-2021"), raised);
        Files.writeString(raised.resolve("notice.json"), Files.readString(raised.resolve("notice.json"))
                .replace("\"id\": \"shangjie-2021\"", "\"id\": \"shangjie-2022-draft\""), StandardCharsets.UTF_8);
        Fixtures.raiseBandOf优(raised);
        try {
            Path lines = jsonLines("two.jsonl", null, Fixtures.SEED, Fixtures.MINIMAL);
            browser.get(url("/"));
            browser.findElement(By.linkText("比较")).click();
            new Select(browser.findElement(By.name("a"))).selectByVisibleText("shangjie-2021");
            new Select(browser.findElement(By.name("b"))).selectByVisibleText("shangjie-2022-draft");
            browser.findElement(By.name("file")).sendKeys(lines.toAbsolutePath().toString());
            browser.findElement(By.cssSelector("form button[type=submit]")).click();
            // the seed's 99.11 falls under the raised band (99.5) and becomes 良; the minimal submission's 100 stays
            // 优 (its scenario minimal-all-met expects 100): one grade changes
            assertThat(waitFor("#summary").getText()).contains("2 份提交").contains("1 份等级改变");
            assertThat(browser.findElements(By.cssSelector("nav a"))).hasSize(4);
            shot("workbench-compare.png");
            // the next comparison keeps the two notices chosen
            browser.findElement(By.cssSelector("#compare-again a")).click();
            assertThat(new Select(waitFor("select[name=a]")).getFirstSelectedOption().getText()).isEqualTo("shangjie-2021");
            assertThat(new Select(browser.findElement(By.name("b"))).getFirstSelectedOption().getText())
                    .isEqualTo("shangjie-2022-draft");
        } finally {
            try (var walk = Files.walk(raised)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The grade the API gives a submission now (as a budget system would ask), or "退回". */
    private static String apiGrade(Path submission) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/score")))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(submission)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        var json = new ObjectMapper().readTree(answer.body());
        return json.path("grade").asText("退回");
    }

    /** In the draft's 等级 table, one cell of a band's row typed anew and saved, until the scenarios' count says so. */
    private static void setBand(String grade, int cell, String value, String status) {
        browser.get(url("/drafts/shangjie-2021/files/00-parameters.drl.csv"));
        waitFor("table.grid[data-table='等级']");
        retype(row("等级", grade).get(cell), value);
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile(status)));
    }

    /** What a download link of the page holds (a blob the page made), fetched in the page: as text, or its first bytes. */
    private static Object download(String id, String read) {
        return browser.executeAsyncScript("fetch(arguments[0]).then(r => " + read + ")"
                + ".then(arguments[arguments.length - 1])", browser.findElement(By.id(id)).getAttribute("href"));
    }

    /**
     * The analyst's year: in the draft started above, raise 优 to 92 in the table and try to publish — refused for the
     * gap 90-92 with the reason; close it (良 80-92) and try again — refused for the three scenarios that expect 优
     * at 90 and 91.xx; rewrite those (as the analyst does in her editor) and publish with a name and a reason. The
     * history shows it under that name; the API now scores a total of 90 as 良; roll back, and it is 优 again.
     */
    @Test
    @Order(6)
    void draftPublishRefusedForAGapThenPublishedSeenInHistoryRolledBackWithTheApiFollowingEachVersion()
            throws Exception {
        Path ninety = root.resolve("total-90.json"); // the minimal submission with a total of 90 (hand-checked:
        // 完成任务数量 66.67 of 100 个 → 30 × 66.67/100 = 20.00, so 100 − 30 + 20 = 90)
        com.fasterxml.jackson.databind.node.ObjectNode minimal = (com.fasterxml.jackson.databind.node.ObjectNode)
                new ObjectMapper().readTree(Fixtures.MINIMAL.toFile());
        for (var i : minimal.get("indicators")) {
            if (i.get("name").asText().equals("完成任务数量")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) i).put("actual", "66.67个");
            }
        }
        Files.writeString(ninety, minimal.toString(), StandardCharsets.UTF_8);
        assertThat(apiGrade(ninety)).isEqualTo("优");

        setBand("优", 3, "92", "[1-9][0-9]* 个未通过");

        browser.get(url("/drafts/shangjie-2021"));
        assertThat(browser.findElement(By.id("draft-changes")).getText()).contains("改动一行")
                .contains("注4：等级优的总分区间");
        WebElement by = browser.findElement(By.cssSelector("#publish input[name=by]"));
        by.sendKeys("王分析");
        browser.findElement(By.cssSelector("#publish input[name=reason]")).sendKeys("2022年通知第4条：优为92分及以上");
        browser.findElement(By.cssSelector("#publish button")).click();
        String refused = waitFor("#refusals").getText();
        assertThat(refused).contains("等级区间没有恰好覆盖 0-100 分一次").contains("总分 90.00 至 91.99 没有等级");
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("现行的规则没有任何改变");
        shot("workbench-publish-refused.png");
        assertThat(apiGrade(ninety)).isEqualTo("优");

        setBand("良", 4, "92", "3 个未通过");
        browser.get(url("/drafts/shangjie-2021"));
        assertThat(browser.findElement(By.id("draft-moves")).getText()).contains("total-90.scenario.json")
                .contains("90 分 优").contains("90 分 良");
        // the three scenarios that expected 优 at 90 and 91.xx: checked, and their new grade taken from the draft
        for (int i = 0; i < 3; i++) {
            browser.get(url("/drafts/shangjie-2021/scenarios"));
            List<WebElement> accept = browser.findElements(By.cssSelector("#scenario-list form button"));
            assertThat(accept).hasSize(3 - i);
            accept.get(0).click();
            waitFor("#status");
        }
        browser.get(url("/drafts/shangjie-2021/scenarios"));
        assertThat(waitFor("#scenarios").getText()).contains("0 个未通过");
        assertThat(Files.readString(scenarios.resolve("drafts/shangjie-2021/total-90.scenario.json")))
                .contains("\"grade\": \"良\"").contains("\"description\": \"注4：总分90分为优\"");
        browser.get(url("/drafts/shangjie-2021"));
        // the name is asked once: the session keeps it
        assertThat(browser.findElement(By.cssSelector("#publish input[name=by]")).getAttribute("value"))
                .isEqualTo("王分析");
        browser.findElement(By.cssSelector("#publish input[name=reason]")).sendKeys("2022年通知第4条：优为92分及以上");
        browser.findElement(By.cssSelector("#publish button")).click();
        assertThat(waitFor("#outcome").getText()).contains("已发布").contains("历史版本");
        shot("workbench-published.png");
        assertThat(apiGrade(ninety)).isEqualTo("良");
        assertThat(rules.resolve("drafts/shangjie-2021")).doesNotExist();

        browser.findElement(By.linkText("发布历史")).click();
        WebElement versions = waitFor("#versions");
        assertThat(versions.getText()).contains("王分析").contains("2022年通知第4条：优为92分及以上").contains("（现行）");
        browser.findElements(By.linkText("改了什么")).get(0).click();
        assertThat(waitFor("#changes").getText()).contains("改动一行 00-parameters.drl.csv")
                .contains(",优,90,不限,").contains(",优,92,不限,");
        assertThat(browser.findElement(By.id("moved")).getText()).contains("total-90.scenario.json")
                .contains("90 分 优").contains("90 分 良");
        browser.navigate().back();
        shot("workbench-history.png");
        WebElement rollback = browser.findElements(By.cssSelector("#versions form")).get(0);
        rollback.findElement(By.name("reason")).sendKeys("复核后仍按90分");
        rollback.findElement(By.tagName("button")).click();
        assertThat(waitFor("#outcome").getText()).contains("已回退");
        assertThat(apiGrade(ninety)).isEqualTo("优");
        browser.get(url("/notices/shangjie-2021/history"));
        assertThat(waitFor("#versions").getText()).contains("回退 shangjie-2021").contains("复核后仍按90分");
        assertThat(Files.readAllBytes(rules.resolve("shangjie-2021/00-parameters.drl.csv")))
                .isEqualTo(Files.readAllBytes(Fixtures.RULES.resolve("shangjie-2021/00-parameters.drl.csv")));
    }

    /** The 评分细则 opens from the notice's page as a page of its own, without the menu, to read and print. */
    @Test
    @Order(8)
    void theScoringRulesDocumentOpensFromTheNoticePageWithoutTheMenu() throws Exception {
        browser.get(url("/notices/mof-2020-project"));
        browser.findElement(By.cssSelector("#document-links a")).click();
        assertThat(waitFor("h1").getText()).contains("评分细则");
        assertThat(browser.findElements(By.tagName("nav"))).isEmpty();
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("满意度指标").contains("例：");
        shot("policy-document.png");
    }

    @Test
    @Order(7)
    void everyPageFitsTheScreenWidthAndItsControlsAreReachedByTheKeyboard() {
        for (String page : List.of("/", "/notices/shangjie-2021", "/notices/shangjie-2021/files/00-parameters.drl.csv",
                "/notices/shangjie-2021/files/41-weight-checks.drl", "/notices/shangjie-2021/scenarios", "/score", "/compare",
                "/notices/shangjie-2021/history")) {
            browser.get(url(page));
            waitFor("h1");
            Object width = browser.executeScript("return document.documentElement.scrollWidth");
            assertThat(((Number) width).intValue()).as("width of " + page).isLessThanOrEqualTo(1366);
            // Tab from the top reaches the first link of the menu, and on to a control of the page
            browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
            assertThat(browser.switchTo().activeElement().getText()).as("first Tab on " + page).isNotBlank();
        }
    }
}
