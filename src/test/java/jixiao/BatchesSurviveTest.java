package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import jixiao.engine.PolicyCache;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.input.SubmissionReader;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises of the batch path, tried as an attacker and as a careless user would: one bad item never costs the
 * others, --out is written whole or left as it was, and neither the output nor the policy cache can be turned
 * against the user.
 */
class BatchesSurviveTest {

    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The minimal submission with its id set and a raw JSON fragment substituted for a marker. */
    private static String minimal(String id) throws Exception {
        ObjectNode s = (ObjectNode) M.readTree(Files.readString(Fixtures.MINIMAL));
        s.put("id", id);
        return M.writeValueAsString(s);
    }

    private static String minimalLine(String id) throws Exception {
        return M.writeValueAsString(M.readTree(minimal(id)));
    }

    private Path write(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private Path policyWith(String drl) throws Exception {
        Path copy = tmp.resolve("policy-" + Integer.toHexString(drl.hashCode()));
        Fixtures.copyTree(Fixtures.SHANGJIE, copy);
        Files.writeString(copy.resolve("99-extra.drl"), "package jixiao.policy;\nimport jixiao.model.*;\n" + drl,
                StandardCharsets.UTF_8);
        renameNotice(copy);
        return copy;
    }

    /** A copied policy folder's notice.json names the folder it is in. */
    private static void renameNotice(Path folder) throws Exception {
        Path meta = folder.resolve("notice.json");
        ObjectNode n = (ObjectNode) M.readTree(Files.readString(meta));
        n.put("id", folder.getFileName().toString());
        Files.writeString(meta, M.writeValueAsString(n));
    }

    // ---- one item never kills the batch ----

    @Test
    void anAbsurdlySmallSelfScoreFailsAloneAndTheOthersAreScored() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(dir.resolve("a.json"), minimal("a"));
        Files.writeString(dir.resolve("b.json"), minimal("b").replace("\"claimed\":10", "\"claimed\":1e-999999999"));
        Files.writeString(dir.resolve("c.json"), minimal("c").replace("\"claimed\":10", "\"claimed\":1e999999999"));
        Path out = tmp.resolve("r.csv");
        Fixtures.Run run = Fixtures.cli("score", dir.toString(), "--format", "csv", "--out", out.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("b.json").contains("c.json").contains("1 scored, 2 failed");
        assertThat(Files.readAllLines(out)).hasSize(2).element(1).asString().startsWith("a,");
    }

    @Test
    void aRuleThatRecursesWithoutEndFailsOnlyItsSubmission() throws Exception {
        Path policy = policyWith("""
                function int 无尽(int n) { return 无尽(n + 1) + 1; }
                rule "递归单位的规则无尽递归"
                    ruleflow-group "30 指标计分"
                when
                    Submission( department == "递归单位" )
                then
                    无尽(0);
                end
                """);
        Path good = write("good.json", minimal("good"));
        Path bad = write("bad.json", minimal("bad").replace("测试单位（场景用的最小提交）", "递归单位"));
        Fixtures.Run run = Fixtures.cli("score", "--rules", policy.toString(), "--format", "jsonl",
                good.toString(), bad.toString());
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).contains("bad.json").contains("递归单位的规则无尽递归").contains("1 scored, 1 failed")
                .doesNotContain("\tat ");
        assertThat(run.out()).contains("\"id\":\"good\"").doesNotContain("\"id\":\"bad\"");
    }

    @Test
    void aRuleStuckInALoopInsideItsConsequenceIsStoppedByTheTimeoutAndNamed() throws Exception {
        Path policy = policyWith("""
                rule "卡住单位的规则死循环"
                    ruleflow-group "30 指标计分"
                when
                    Submission( department == "卡住单位" )
                then
                    long n = 0;
                    while (n >= 0) { n = (n + 1) % 1000; }
                end
                """);
        Path good = write("good.json", minimal("good"));
        Path stuck = write("stuck.json", minimal("stuck").replace("测试单位（场景用的最小提交）", "卡住单位"));
        Path out = write("out.jsonl", "before\n");
        Fixtures.Run run = Fixtures.cli("score", "--rules", policy.toString(), "--timeout", "1", "--format", "jsonl",
                stuck.toString(), good.toString(), "--out", out.toString());
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).contains("stuck.json").contains("卡住单位的规则死循环").contains("--timeout")
                .contains("1 scored, 1 failed");
        assertThat(Files.readString(out)).contains("\"id\":\"good\"").doesNotContain("\"id\":\"stuck\"");
        // alone, the stuck submission leaves --out as it was
        Files.writeString(out, "before\n");
        assertThat(Fixtures.cli("score", "--rules", policy.toString(), "--timeout", "1", stuck.toString(), "--out",
                out.toString()).exit()).isEqualTo(4);
        assertThat(Files.readString(out)).isEqualTo("before\n");
    }

    @Test
    void aRunWhoseRulesFailOnEverySubmissionLeavesTheOutputAsItWas() throws Exception {
        Path policy = policyWith("""
                rule "每个单位的规则都出错"
                    ruleflow-group "30 指标计分"
                when
                    Submission()
                then
                    Integer.parseInt("不是数字");
                end
                """);
        Path out = write("results.csv", "last year\n");
        assertThat(Fixtures.cli("score", "--rules", policy.toString(), Fixtures.SEED.toString(), "--format", "csv",
                "--out", out.toString()).exit()).isEqualTo(4);
        assertThat(Files.readString(out)).isEqualTo("last year\n");
    }

    @Test
    void aCharacterDeviceIsWrittenDirectly() throws Exception {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull));
        Fixtures.Run run = Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "csv", "--out", "/dev/null");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.isRegularFile(devNull)).as("still a device").isFalse();
    }

    @Test
    void aTableFileLargerThanAnyRealTableIsRefusedBeforeItIsOpened() throws Exception {
        Path big = tmp.resolve("huge.xlsx");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), 11L * 1024 * 1024); // sparse, 11 MB
        }
        Fixtures.Run run = Fixtures.cli("score", big.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("huge.xlsx").contains("at most 10485760 bytes");
    }

    @Test
    void aMergedRangeToTheEndOfTheSheetIsReadAsFarAsTheSheetGoes() throws Exception {
        Path xlsx = tmp.resolve("merged.xlsx");
        try (InputStream in = Files.newInputStream(Path.of("scenarios/shangjie-2021/justice-bureau-2021.xlsx"));
             Workbook wb = WorkbookFactory.create(in)) {
            Sheet s = wb.getSheetAt(0);
            s.addMergedRegionUnsafe(new CellRangeAddress(0, 1_048_575, 60, 1_000)); // BI1:ALM1048576
            try (OutputStream o = Files.newOutputStream(xlsx)) {
                wb.write(o);
            }
        }
        long start = System.nanoTime();
        Fixtures.Run run = Fixtures.cli("score", xlsx.toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(M.readTree(run.out()).get("total").decimalValue()).isEqualByComparingTo("99.11");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds (it took 110 s and 6 GB before)").isLessThan(60);
    }

    @Test
    void aDepartmentNameLongerThanAnExcelCellIsCutWithAMarker() throws Exception {
        Path f = write("long.json", minimal("long").replace("测试单位（场景用的最小提交）", "部".repeat(40_000)));
        Path out = tmp.resolve("r.xlsx");
        Fixtures.Run run = Fixtures.cli("score", f.toString(), "--format", "xlsx", "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        try (InputStream in = Files.newInputStream(out); Workbook wb = WorkbookFactory.create(in)) {
            String dept = wb.getSheetAt(0).getRow(1).getCell(1).getStringCellValue();
            assertThat(dept).hasSizeLessThanOrEqualTo(32_767).contains("字略");
        }
    }

    @Test
    void aGbkLineInAJsonLinesFileFailsAloneWithItsNumberAndABomIsSkipped() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.write((minimalLine("one") + "\n").getBytes(StandardCharsets.UTF_8));
        b.write((minimalLine("two") + "\n").getBytes(Charset.forName("GBK")));
        b.write((minimalLine("three") + "\n").getBytes(StandardCharsets.UTF_8));
        Path f = tmp.resolve("region.jsonl");
        Files.write(f, b.toByteArray());
        Fixtures.Run run = Fixtures.cli("score", f.toString(), "--format", "jsonl");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("region.jsonl:2").contains("not UTF-8").contains("2 scored, 1 failed");
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out()).contains("\"id\":\"one\"").contains("\"id\":\"three\"");
    }

    @Test
    void aJsonLinesLineLongerThanASubmissionMayBeFailsAloneWithoutExhaustingMemory() throws Exception {
        Path f = tmp.resolve("long.jsonl");
        try (var w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write(minimalLine("before") + "\n");
            w.write("{\"id\": \"" + "x".repeat(9 * 1024 * 1024) + "\"}\n");
            w.write(minimalLine("after") + "\n");
        }
        Fixtures.Run run = Fixtures.cli("score", f.toString(), "--format", "jsonl");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("long.jsonl:2").contains("longer than").contains("2 scored, 1 failed");
    }

    @Test
    void aLegitimateSubmissionWithThirtyThousandIndicatorsIsNotTakenForLoopingRules() throws Exception {
        ObjectNode s = (ObjectNode) M.readTree(minimal("big"));
        var list = (com.fasterxml.jackson.databind.node.ArrayNode) s.get("indicators");
        ObjectNode template = (ObjectNode) list.get(3).deepCopy(); // 完成任务数量, 30 points of 产出指标
        list.remove(3);
        for (int i = 0; i < 30_000; i++) { // 30 rows of 1 point and 29,970 of 0: still 30 points
            ObjectNode row = template.deepCopy();
            row.put("name", "任务" + i);
            row.put("points", i < 30 ? 1 : 0);
            row.put("claimed", i < 30 ? 1 : 0);
            list.add(row);
        }
        Fixtures.Run run = Fixtures.cli("score", write("big.json", M.writeValueAsString(s)).toString(), "--format",
                "csv");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(",100,优,");
    }

    // ---- --out is written whole, or left as it was ----

    @Test
    void aFailedRunLeavesAnExistingOutputAsItWas() throws Exception {
        Path out = write("results.json", "last year\n");
        Path truncated = write("t.json", minimal("t").substring(0, 100));
        assertThat(Fixtures.cli("score", truncated.toString(), "--format", "json", "--out", out.toString()).exit())
                .isEqualTo(2);
        assertThat(Files.readString(out)).isEqualTo("last year\n");
        Path broken = policyWith("rule \"坏\" when then 不是Java; end\n");
        assertThat(Fixtures.cli("score", "--rules", broken.toString(), Fixtures.SEED.toString(), "--out",
                out.toString()).exit()).isEqualTo(3);
        assertThat(Files.readString(out)).isEqualTo("last year\n");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aLinkIsFollowedAndItsTargetWritten() throws Exception {
        Path real = write("real.csv", "old\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), real.getFileName());
        Fixtures.Run run = Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "csv", "--out", link.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).startsWith("id,department").contains("99.11");
    }

    @Test
    void aFifoIsWrittenDirectlyNotReplaced() throws Exception {
        Path fifo = tmp.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                in.transferTo(got);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        reader.start();
        Fixtures.Run run = Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "csv", "--out", fifo.toString());
        reader.join(30_000);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(got.toString(StandardCharsets.UTF_8)).contains("99.11");
        assertThat(Files.isRegularFile(fifo)).as("still a FIFO").isFalse();
    }

    @Test
    void aFolderIsRefusedAsAnOutputFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        Fixtures.Run run = Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "csv", "--out", dir.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("is a folder");
        assertThat(dir).isDirectory();
    }

    @Test
    void aTempFileLeftByAKilledRunIsRemovedByTheNextRun() throws Exception {
        Path stale = write(".r.csv.jixiao-999999999-1.tmp", "half");
        Path out = tmp.resolve("r.csv");
        assertThat(Fixtures.cli("score", Fixtures.SEED.toString(), "--format", "csv", "--out", out.toString()).exit())
                .isZero();
        assertThat(stale).doesNotExist();
        assertThat(out).exists();
    }

    // ---- the policy cache ----

    @Test
    void aCacheEntryCompiledFromOtherRulesIsNeverUsed() throws Exception {
        Path rules = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.SHANGJIE, rules.resolve("shangjie-2021"));
        Path other = rules.resolve("other");
        Fixtures.copyTree(Fixtures.SHANGJIE, other);
        renameNotice(other);
        Fixtures.raiseBandOf优(other);
        Path cacheDir = tmp.resolve("cache");
        PolicyCache cache = new PolicyCache(cacheDir);
        var genuine = new PolicyRegistry(rules, cache).forNotice("shangjie-2021");
        Path genuineEntry = onlyEntry(cacheDir);
        new PolicyRegistry(rules, cache).forFolder(other);
        Path otherEntry;
        try (Stream<Path> s = Files.list(cacheDir)) {
            otherEntry = s.filter(p -> !p.equals(genuineEntry) && p.toString().endsWith(".kpkg")).findFirst()
                    .orElseThrow();
        }
        Files.copy(otherEntry, genuineEntry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var again = new PolicyRegistry(rules, cache).forNotice("shangjie-2021");
        assertThat(again.fromCache()).isFalse();
        assertThat(again.fingerprint()).isEqualTo(genuine.fingerprint());
        assertThat(new Scorer().score(again, SubmissionReader.read(Fixtures.SEED)).grade().getName())
                .isEqualTo(new Scorer().score(genuine, SubmissionReader.read(Fixtures.SEED)).grade().getName());
    }

    @Test
    void aDamagedOrHostileCacheEntryIsDeletedAndTheRulesCompiledAfresh() throws Exception {
        Path rules = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.SHANGJIE, rules.resolve("shangjie-2021"));
        Path cacheDir = tmp.resolve("cache");
        PolicyCache cache = new PolicyCache(cacheDir);
        new PolicyRegistry(rules, cache).forNotice("shangjie-2021");
        Path entry = onlyEntry(cacheDir);
        byte[] head = Files.readAllBytes(entry);
        int headerEnd = indexOfSecondNewlineAfterMagic(head);
        // the genuine header, then a serialized array declaring two billion elements
        ByteArrayOutputStream hostile = new ByteArrayOutputStream();
        hostile.write(head, 0, headerEnd);
        hostile.write(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 0x75, 0x72, 0, 2, '[', 'J', 0x78, 0x20, 0x04, (byte) 0xB5,
            (byte) 0xB0, 0x5F, 0x20, (byte) 0xF3, 2, 0, 0, 0x78, 0x70, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        for (byte[] bytes : List.of(hostile.toByteArray(), "x".repeat(99).getBytes(StandardCharsets.US_ASCII))) {
            Files.write(entry, bytes);
            var p = new PolicyRegistry(rules, cache).forNotice("shangjie-2021");
            assertThat(p.fromCache()).isFalse();
            assertThat(new Scorer().score(p, SubmissionReader.read(Fixtures.SEED)).total().getScore())
                    .isEqualByComparingTo("99.11");
            assertThat(new PolicyRegistry(rules, cache).forNotice("shangjie-2021").fromCache())
                    .as("the entry was replaced by a good one").isTrue();
        }
    }

    private static int indexOfSecondNewlineAfterMagic(byte[] b) {
        int newlines = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' && ++newlines == 3) {
                return i + 1;
            }
        }
        throw new AssertionError("no header");
    }

    @Test
    void aCacheFolderWritableByOthersIsNotTrusted() throws Exception {
        Path rules = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.SHANGJIE, rules.resolve("shangjie-2021"));
        Path cacheDir = Files.createDirectories(tmp.resolve("shared-cache"));
        Files.setPosixFilePermissions(cacheDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        PolicyCache cache = new PolicyCache(cacheDir);
        new PolicyRegistry(rules, cache).forNotice("shangjie-2021");
        assertThat(new PolicyRegistry(rules, cache).forNotice("shangjie-2021").fromCache()).isFalse();
        try (Stream<Path> s = Files.list(cacheDir)) {
            assertThat(s).isEmpty();
        }
    }

    private static Path onlyEntry(Path cacheDir) throws Exception {
        try (Stream<Path> s = Files.list(cacheDir)) {
            List<Path> l = s.filter(p -> p.toString().endsWith(".kpkg")).toList();
            assertThat(l).hasSize(1);
            return l.get(0);
        }
    }

    // ---- outputs cannot be turned against the reader ----

    @Test
    void spreadsheetFormulasAndTerminalEscapesFromASubmissionAreShownAsText() throws Exception {
        Path f = write("evil.json", minimal("=HYPERLINK(\"http://x\")").replace("测试单位（场景用的最小提交）",
                "+1+1\\u001b[2K"));
        Fixtures.Run csv = Fixtures.cli("score", f.toString(), "--format", "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        String row = csv.out().lines().toList().get(1);
        assertThat(row).startsWith("\"'=HYPERLINK(").contains(",'+1+1\\x1b[2K,").doesNotContain("\u001b");
        Fixtures.Run text = Fixtures.cli("score", f.toString());
        assertThat(text.out()).contains("+1+1\\x1b[2K").doesNotContain("\u001b");
    }

    @Test
    void htmlPagesHaveSafeUniqueNamesAndNeverReplaceTheIndex() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        String longId = "上街区司法局".repeat(17);
        for (String id : new String[] {"index", "A", "a", longId}) {
            Files.writeString(dir.resolve(Integer.toHexString(id.hashCode()) + ".json"), minimal(id));
        }
        Path out = tmp.resolve("pages");
        Fixtures.Run run = Fixtures.cli("score", dir.toString(), "--format", "html", "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> names;
        try (Stream<Path> s = Files.list(out)) {
            names = s.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(names).hasSize(5).contains("index.html");
        assertThat(names.stream().map(String::toLowerCase).distinct()).hasSize(5);
        assertThat(names).allMatch(n -> n.getBytes(StandardCharsets.UTF_8).length < 200);
        assertThat(Files.readString(out.resolve("index.html"))).contains(longId.substring(0, 12));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwxr-xr-x");
    }

    // ---- exit codes ----

    @Test
    void argumentsAndEmptyInputsGiveTheDocumentedExitCodes() throws Exception {
        String seed = Fixtures.SEED.toString();
        assertThat(Fixtures.cli("score", "--rules", "/", seed).exit()).isEqualTo(3);
        assertThat(Fixtures.cli("score", "--max-firings", "0", seed).exit()).isEqualTo(2);
        assertThat(Fixtures.cli("table", "--no-such-option", seed).exit()).as("an unknown option").isEqualTo(2);
        assertThat(Fixtures.cli("score", "--threads", "many", seed).exit()).as("an unreadable value").isEqualTo(2);
        assertThat(Fixtures.cli("score", "--threads", "2000", seed).exit()).isEqualTo(2);
        Fixtures.Run empty = Fixtures.cli("score", write("empty.jsonl", "\n\n").toString());
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("nothing to score");
        assertThat(Fixtures.cli("score", Files.createDirectories(tmp.resolve("nothing")).toString()).exit())
                .isEqualTo(2);
    }

    @Test
    void indicatorNamesThatDifferOnlyByInvisibleOrTrailingSpaceAreOneAndTheDuplicateIsRefused() throws Exception {
        ObjectNode s = (ObjectNode) M.readTree(minimal("dup"));
        ObjectNode copy = s.get("indicators").get(1).deepCopy();
        copy.put("name", copy.get("name").asText() + "\u200B ");
        ((com.fasterxml.jackson.databind.node.ArrayNode) s.get("indicators")).add(copy);
        Fixtures.Run run = Fixtures.cli("score", write("dup.json", M.writeValueAsString(s)).toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("$.indicators[6]").contains("appears twice").contains("$.indicators[1]");
    }

    // ---- chaos: 2,000 lines, 50 broken in 10 ways ----

    @Test
    void aJsonLinesBatchWithFiftyBrokenLinesScoresExactlyTheGoodOnesInOrder() throws Exception {
        Path policy = policyWith("""
                rule "炸弹单位的规则会出错"
                    ruleflow-group "30 指标计分"
                when
                    Submission( department == "炸弹单位" )
                then
                    Integer.parseInt("不是数字");
                end
                """);
        Random random = new Random(20261127);
        List<Integer> broken = new ArrayList<>();
        while (broken.size() < 50) {
            int k = 1 + random.nextInt(2000);
            if (!broken.contains(k)) {
                broken.add(k);
            }
        }
        java.util.Collections.sort(broken);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        StringBuilder good = new StringBuilder();
        int way = 0;
        for (int line = 1; line <= 2000; line++) {
            String ok = minimalLine("line-" + line).replace("\"actual\":\"95%\"",
                    "\"actual\":\"" + (50 + line % 50) + "%\"");
            if (!broken.contains(line)) {
                all.write((ok + "\n").getBytes(StandardCharsets.UTF_8));
                good.append(ok).append('\n');
                continue;
            }
            byte[] bad = switch (way++ % 10) {
                case 0 -> ok.getBytes(Charset.forName("GBK"));                                   // bad bytes
                case 1 -> ok.replace("\"claimed\":10", "\"claimed\":1e999999999").getBytes(StandardCharsets.UTF_8);
                case 2 -> ok.replace("\"claimed\":10", "\"claimed\":1e-999999999").getBytes(StandardCharsets.UTF_8);
                case 3 -> ok.replace("\"year\":2021", "\"year\":" + "[".repeat(5000) + "]".repeat(5000))
                        .getBytes(StandardCharsets.UTF_8);                                        // deep nesting
                case 4 -> ok.substring(0, ok.length() / 2).getBytes(StandardCharsets.UTF_8);     // truncated
                case 5 -> ok.replace("\"year\":2021", "\"year\":2021,\"year\":2022").getBytes(StandardCharsets.UTF_8);
                case 6 -> ok.replace("\"100%\"", "\"1\u200B00%\"").getBytes(StandardCharsets.UTF_8);
                case 7 -> ok.replace("\"points\":30", "\"points\":\"三十\"").getBytes(StandardCharsets.UTF_8);
                case 8 -> ok.replace("\"≥90%\"", "\"≥\"").getBytes(StandardCharsets.UTF_8);
                default -> ok.replace("测试单位（场景用的最小提交）", "炸弹单位").getBytes(StandardCharsets.UTF_8);
            };
            all.write(bad);
            all.write('\n');
        }
        Path region = tmp.resolve("region.jsonl");
        Files.write(region, all.toByteArray());
        Path out = tmp.resolve("out.jsonl");
        Fixtures.Run run = Fixtures.cli("score", region.toString(), "--rules", policy.toString(), "--format", "jsonl",
                "--out", out.toString());
        assertThat(run.exit()).isEqualTo(4); // the worst failure among them: a rule that threw
        assertThat(run.err()).contains("1950 scored, 50 failed");
        for (int line : broken) {
            assertThat(run.err()).as("line " + line + " is named").contains("region.jsonl:" + line);
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1950);
        for (int i = 0, line = 1; line <= 2000; line++) {
            if (!broken.contains(line)) {
                assertThat(lines.get(i++)).as("in input order").contains("\"id\":\"line-" + line + "\"");
            }
        }
        Path clean = tmp.resolve("clean.jsonl");
        Files.writeString(clean, good.toString());
        Path cleanOut = tmp.resolve("clean-out.jsonl");
        assertThat(Fixtures.cli("score", clean.toString(), "--rules", policy.toString(), "--format", "jsonl", "--out",
                cleanOut.toString()).exit()).isZero();
        assertThat(Files.readAllBytes(out)).as("byte-identical to scoring the good ones alone")
                .isEqualTo(Files.readAllBytes(cleanOut));
    }
}
