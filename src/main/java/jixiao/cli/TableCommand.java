package jixiao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jixiao.input.InputException;
import jixiao.input.SubmissionReader;
import jixiao.input.TableLayout;
import jixiao.input.TableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Writes a submission (JSON) as the self-evaluation table, .xlsx, .csv or .docx: the reverse of "
                + "import.")
final class TableCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a submission (JSON)")
    Path file;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.xlsx|FILE.csv|FILE.docx",
            description = "where to write")
    Path out;

    @Option(names = "--rules-root", paramLabel = "DIR", description = "where the notices are: a notice's declared "
            + "fields (扣分, 核查分…) get their columns (default: ${DEFAULT-VALUE})")
    Path rulesRoot = jixiao.engine.PolicyRegistry.defaultRoot();

    @Option(names = "--layout", paramLabel = "FILE", description = "a table layout file (default: the built-in "
            + "layout of the submission's kind: 部门整体绩效自评表 or 项目支出绩效自评表)")
    Path layout;

    @Option(names = "--charset", paramLabel = "NAME", description = "for CSV: UTF-8 or GBK (default: ${DEFAULT-VALUE})")
    String charset = "UTF-8";

    @Override
    public Integer call() throws Exception {
        jixiao.engine.PolicyRegistry registry = new jixiao.engine.PolicyRegistry(rulesRoot, null);
        try {
            SubmissionReader.read(file, registry::fieldsOf); // refuse what would not score
        } catch (InputException e) {
            System.err.println("jixiao: cannot read " + e.getMessage());
            return Main.BAD_INPUT;
        }
        JsonNode tree = new ObjectMapper().readTree(Files.readString(file).replaceFirst("^\uFEFF", ""));
        TableLayout l = layout != null ? TableLayout.read(layout) : TableLayout.forKind(tree.path("kind").asText(null));
        java.util.List<jixiao.model.FieldDeclaration> declared = registry.fieldsOf(tree.path("notice").asText(null));
        java.util.List<String> lost = TableWriter.unwritten(l, tree, declared);
        if (!lost.isEmpty()) {
            System.err.println("jixiao table: " + file + " holds what the layout " + l.title() + " has no column for, "
                    + "so the table would be read back as another submission (and score differently); nothing was "
                    + "written:");
            lost.forEach(p -> System.err.println("  " + p));
            System.err.println("  (name a layout with columns for them with --layout FILE: copy one from "
                    + "src/main/resources/jixiao/layouts/ and add the columns to its indicators block)");
            return Main.BAD_INPUT;
        }
        TableWriter w = new TableWriter(l, tree, declared);
        Path target = out.toAbsolutePath();
        Path tmp = Output.tempFileFor(target);
        try {
            try (OutputStream o = Files.newOutputStream(tmp)) {
                if (target.toString().toLowerCase().endsWith(".csv")) {
                    w.csv(o, Charset.forName(charset));
                } else if (target.toString().toLowerCase().endsWith(".docx")) {
                    w.docx(o);
                } else {
                    w.xlsx(o);
                }
            }
            Output.replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        System.err.println("wrote " + out);
        return Main.OK;
    }
}
