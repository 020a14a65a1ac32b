package jixiao.cli;

import jixiao.bench.BenchCommand;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code jixiao} command line. */
@Command(name = "jixiao", mixinStandardHelpOptions = true, version = "jixiao 0.1.0",
        description = "Scores budget performance self-evaluations (绩效自评) with a notice's policy written in DRL.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:scenarios failed (test)",
            "2:a submission, scenario or argument could not be read, or the rules rejected a submission",
            "3:the rules do not compile, or a policy folder cannot be found",
            "4:the rules failed while scoring (an error in a rule, or rules that loop)",
            "5:an unexpected internal error"})
public final class Main implements java.util.concurrent.Callable<Integer> {

    public static final int OK = jixiao.service.Exit.OK;
    public static final int FAILED = jixiao.service.Exit.FAILED;
    public static final int BAD_INPUT = jixiao.service.Exit.BAD_INPUT;
    public static final int BAD_RULES = jixiao.service.Exit.BAD_RULES;
    public static final int SCORING_FAILED = jixiao.service.Exit.SCORING_FAILED;
    public static final int INTERNAL = jixiao.service.Exit.INTERNAL;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("jixiao: name a command: score, test, compare, import, table, notices, check-rules, pin, serve, bench");
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        if (Runtime.version().feature() >= 20) {
            // the time limit ends a rule stuck inside its consequence with Thread.stop, which Java 20 removed
            err.println("jixiao: warning: this is Java " + Runtime.version().feature() + "; jixiao needs Java 17 "
                    + "(to 19) to stop a rule that loops inside its consequence: such a rule would run for ever");
        }
        System.exit(run(args, out, err));
    }

    /**
     * The commands, in the order the usage lists them. picocli reads a command's options by reflection when it is
     * added, which a short run pays for at start-up (about 0.1 s for all of them): a run that names a command gets
     * only that one; help, a mistyped command or none get them all.
     */
    private static final java.util.Map<String, Class<?>> COMMANDS = commands(ScoreCommand.class, TestCommand.class,
            CompareCommand.class, NoticesCommand.class, CheckRulesCommand.class, PinCommand.class, ServeCommand.class,
            ImportCommand.class, TableCommand.class, DraftCommand.class, PublishCommand.class, HistoryCommand.class,
            PolicyCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class);

    private static java.util.Map<String, Class<?>> commands(Class<?>... classes) {
        java.util.Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        for (Class<?> c : classes) {
            m.put(c.getAnnotation(Command.class).name(), c);
        }
        return m;
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cmd = new CommandLine(new Main());
        Class<?> named = args.length > 0 && !args[0].equals("help") ? COMMANDS.get(args[0]) : null;
        for (Class<?> c : named != null ? java.util.List.<Class<?>>of(named) : COMMANDS.values()) {
            cmd.addSubcommand(c);
        }
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        // an argument that cannot be read is the caller's mistake (2), not an internal error (5)
        cmd.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? BAD_INPUT : INTERNAL);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("jixiao: internal error: " + e);
            if (System.getenv("JIXIAO_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("(set JIXIAO_DEBUG=1 to see the stack trace, and please report it)");
            }
            return INTERNAL;
        });
        return cmd.execute(args);
    }
}
