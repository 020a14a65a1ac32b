package jixiao.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jixiao.input.InputException;
import jixiao.input.SubmissionReader;
import jixiao.input.Submissions;
import jixiao.input.TableLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Reads a self-evaluation table (the 自评表 as .xlsx, or .csv in UTF-8 or GBK) and writes the "
                + "submission JSON.",
            "score also accepts such files directly. A cell that cannot be read is reported by its address."})
final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the table, .xlsx or .csv")
    Path file;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "write the JSON here (default: stdout)")
    Path out;

    @Option(names = "--notice", paramLabel = "ID", description = "the notice the submission is scored by "
            + "(default: the table's 评分通知 cell, else the layout's default)")
    String notice;

    @Option(names = "--rules-root", paramLabel = "DIR", description = "where the notices are: columns titled as the "
            + "notice's declared fields (扣分, 核查分…) are read into them (default: ${DEFAULT-VALUE})")
    Path rulesRoot = jixiao.engine.PolicyRegistry.defaultRoot();

    @Option(names = "--explain", description = "list every non-empty cell of the table and what became of it: read "
            + "(into which field), label, copy (of a merged cell), note, skipped (a template row), or not used")
    boolean explain;

    @Option(names = "--layout", paramLabel = "FILE", description = "a table layout file (default: the built-in "
            + "layout whose title the table bears: 部门整体绩效自评表 or 项目支出绩效自评表)")
    Path layout;

    /**
     * What became of the table's cells: with --explain every one, else a count, and the cells not used listed (a cell
     * outside the table's blocks that nothing reads, such as a signature, is said, never passed over in silence).
     */
    private void account(Submissions.Imported imported) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        imported.account().forEach(u -> counts.merge(u.use(), 1, Integer::sum));
        if (explain) {
            for (jixiao.input.TableImporter.Use u : imported.account()) {
                System.err.println(String.format("  %-14s %-9s %s  '%s'", u.address(), u.use(), u.what(),
                        u.text().replaceAll("\\s+", " ")));
            }
        }
        StringBuilder sb = new StringBuilder(file + ": " + imported.account().size() + " cells:");
        counts.forEach((k, v) -> sb.append(' ').append(v).append(' ').append(k).append(','));
        sb.setLength(sb.length() - 1);
        System.err.println(sb);
        if (!explain) {
            for (jixiao.input.TableImporter.Use u : imported.notUsed()) {
                System.err.println("  not used: " + u.address() + " '" + u.text().replaceAll("\\s+", " ") + "'");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        try {
            TableLayout l = layout == null ? null : TableLayout.read(layout);
            jixiao.engine.PolicyRegistry registry = new jixiao.engine.PolicyRegistry(rulesRoot, null);
            Submissions.Imported imported = Submissions.importWithAccount(file, notice, l, registry::fieldsOf);
            ObjectNode tree = imported.tree();
            Submissions.submissionOf(file.toString(), imported, tree.path("id").asText(), registry::fieldsOf); // as JSON
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            Output.write(new ObjectMapper().writer(pretty).writeValueAsString(tree) + "\n", out, System.out);
            account(imported);
            return Main.OK;
        } catch (InputException e) {
            System.err.println("jixiao: cannot import " + e.getMessage());
            return Main.BAD_INPUT;
        }
    }
}
