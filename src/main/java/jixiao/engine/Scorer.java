package jixiao.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jixiao.model.CategoryScore;
import jixiao.model.CategoryWeight;
import jixiao.model.Finding;
import jixiao.model.Grade;
import jixiao.model.Indicator;
import jixiao.model.IndicatorScore;
import jixiao.model.RuleResult;
import jixiao.model.Submission;
import jixiao.model.TotalScore;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Scores submissions against a compiled policy: one session per submission on the policy's shared KIE base.
 * The host inserts the submission's facts, runs the policy's phases in order, and collects what the rules
 * derived. It knows nothing of any notice's categories, weights or grades.
 */
public final class Scorer {

    /** Firings allowed for one submission before the rules are taken to be looping. */
    public static final int DEFAULT_MAX_FIRINGS = 20_000;

    private final int maxFirings;
    private final boolean trace;
    /** The time the rules may take on one submission unless a caller says otherwise: every run has a limit. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 60_000;

    private long timeoutMillis = DEFAULT_TIMEOUT_MILLIS;

    /** One thread watches every submission that has a time limit. */
    private static final java.util.concurrent.ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    /** A cancelled watch (the submission finished in time: nearly always) leaves the queue at once. */
    private static java.util.concurrent.ScheduledThreadPoolExecutor watchdog() {
        java.util.concurrent.ScheduledThreadPoolExecutor w = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                r -> {
                    Thread t = new Thread(r, "jixiao-watchdog");
                    t.setDaemon(true);
                    return t;
                });
        w.setRemoveOnCancelPolicy(true);
        return w;
    }

    /**
     * Stops the rules of a submission that run longer than this (0: no limit). A rule stuck in a loop inside its
     * consequence cannot see a firing limit; this stops it and names it.
     */
    public Scorer withTimeout(java.time.Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
        return this;
    }

    /** A scorer that records every firing (for scenarios and coverage), with the default firing limit. */
    public Scorer() {
        this(DEFAULT_MAX_FIRINGS, true);
    }

    /**
     * @param trace record every firing with the indicators it matched ({@link ScoreResult#firings()}); reports
     *              do not need it, scenarios and coverage do
     */
    public Scorer(int maxFirings, boolean trace) {
        if (maxFirings < 1) {
            throw new IllegalArgumentException("the firing limit must be at least 1");
        }
        this.maxFirings = maxFirings;
        this.trace = trace;
    }

    /** Closes the sessions kept for a policy that will not be used again (recompiled under --watch). */
    public void release(Policy policy) {
        KieSessionsPool pool = pools.remove(policy.kieBase());
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** Sessions are reused through a pool per KIE base: creating one costs more than scoring a small submission. */
    private final Map<KieBase, KieSessionsPool> pools = new ConcurrentHashMap<>();

    public ScoreResult score(Policy policy, Submission submission) throws ScoringException {
        KieSession session = pools.computeIfAbsent(policy.kieBase(), kb -> kb.newKieSessionsPool(
                Runtime.getRuntime().availableProcessors())).newKieSession();
        Tracker tracker = new Tracker(trace);
        boolean broken = true; // until the rules have run through: a session that failed midway is not reused
        try {
            session.addEventListener(STAMPING);
            session.addEventListener(tracker);
            insertFacts(session, submission);
            policy.focusPhases(session);
            int limit = limitFor(submission);
            int fired = fire(session, limit, tracker.current, policy, submission);
            if (fired >= limit) {
                throw new ScoringException("the rules of " + policy.id() + " fired " + fired
                        + " times on submission " + submission.id() + " and were stopped: they seem to re-activate"
                        + " themselves. Most fired: " + tracker.mostFired()
                        + ". (The limit is --max-firings, " + maxFirings + ", plus " + FIRINGS_PER_FACT
                        + " per fact of the submission.)");
            }
            ScoreResult result = collect(policy, submission, session, tracker.firings);
            broken = false;
            return result;
        } catch (ConsequenceException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ScoringException("rule \"" + e.getMatch().getRule().getName() + "\" of " + policy.id()
                    + " failed on submission " + submission.id() + ": " + describe(cause));
        } catch (RuntimeException e) {
            throw new ScoringException("the rules of " + policy.id() + " failed on submission " + submission.id()
                    + ": " + describe(e));
        } catch (StackOverflowError e) {
            throw new ScoringException("rule \"" + tracker.current[0] + "\" of " + policy.id() + " recursed without "
                    + "end on submission " + submission.id() + " (StackOverflowError) and was stopped");
        } finally {
            session.removeEventListener(STAMPING);
            session.removeEventListener(tracker);
            if (broken) {
                session.destroy();
            } else {
                session.dispose(); // back to the pool, emptied
            }
        }
    }

    /** The submission and each of its parts, as facts. */
    static void insertFacts(KieSession session, Submission submission) {
        session.insert(submission);
        if (submission.budget() != null) {
            submission.budget().lines().forEach(session::insert);
        }
        submission.tasks().forEach(session::insert);
        submission.categories().forEach(session::insert);
        submission.indicators().forEach(session::insert);
    }

    /** Stamps everything a rule inserts or updates with that rule's name: every result names the rule behind it. */
    private static final RuleRuntimeEventListener STAMPING = new DefaultRuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getRule() != null && event.getObject() instanceof RuleResult r) {
                r.stampRule(event.getRule().getName());
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            if (event.getRule() != null && event.getObject() instanceof RuleResult r) {
                r.stampRule(event.getRule().getName());
            }
        }
    };

    /** Which rule is firing (to name it when it fails), how often each fired, and, when traced, every firing. */
    private static final class Tracker extends DefaultAgendaEventListener {
        final String[] current = new String[1];
        final Map<String, Integer> counts = new HashMap<>();
        final List<ScoreResult.Firing> firings = new ArrayList<>();
        private final boolean trace;

        Tracker(boolean trace) {
            this.trace = trace;
        }

        @Override
        public void beforeMatchFired(org.kie.api.event.rule.BeforeMatchFiredEvent event) {
            current[0] = event.getMatch().getRule().getName();
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            String name = event.getMatch().getRule().getName();
            counts.merge(name, 1, Integer::sum);
            if (trace) {
                String phase = ((RuleImpl) event.getMatch().getRule()).getRuleFlowGroup();
                List<String> subjects = event.getMatch().getObjects().stream()
                        .map(Scorer::subjectOf).filter(s -> s != null).distinct()
                        .collect(Collectors.toList());
                firings.add(new ScoreResult.Firing(name, phase, subjects));
            }
        }

        String mostFired() {
            return counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(5)
                    .map(e -> "\"" + e.getKey() + "\" (" + e.getValue() + " times)")
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * Fires the rules within the time limit. When it runs out, the session is halted; a rule that does not come back
     * (a loop inside its consequence) has its thread stopped — the one way Java 17 has to end code that ignores
     * interrupts (jixiao needs Java 17, where {@code Thread.stop} still works: see the README). The session must then
     * be destroyed, never reused.
     */
    private int fire(KieSession session, int limit, String[] current, Policy policy, Submission submission)
            throws ScoringException {
        int[] fired = new int[1];
        if (!fireWithin(session, limit, timeoutMillis, fired)) {
            throw timedOut(current[0], policy, submission);
        }
        return fired[0];
    }

    /**
     * Fires a session's rules, at most {@code limit} times and for at most {@code timeoutMillis} (0: no limit), as
     * scoring does; anything else that runs a policy's rules (the linter's probes) goes through here too.
     *
     * @return false when the time ran out (the session is then broken: destroy it); the firings are in
     *         {@code fired[0]}
     */
    @SuppressWarnings({"deprecation", "removal"})
    public static boolean fireWithin(KieSession session, int limit, long timeoutMillis, int[] fired) {
        if (timeoutMillis <= 0) {
            fired[0] = session.fireAllRules(limit);
            return true;
        }
        Thread worker = Thread.currentThread();
        // 0 running, 1 halted by the watchdog, 2 being stopped by the watchdog, 3 finished in time
        java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger(0);
        java.util.concurrent.ScheduledFuture<?> watch = WATCHDOG.schedule(() -> {
            if (state.compareAndSet(0, 1)) {
                session.halt(); // returns from fireAllRules between two firings
                WATCHDOG.schedule(() -> {
                    if (state.compareAndSet(1, 2)) {
                        worker.stop(); // still inside one firing after a second: a loop in a consequence
                    }
                }, 1, java.util.concurrent.TimeUnit.SECONDS);
            }
        }, timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        // whatever way the rules end — in time, halted, stopped, or a rule throwing — the watch must not outlive
        // this call: a watch left armed would stop this thread later, in the middle of other work
        boolean inTime = false;
        boolean stopped = false;
        try {
            try {
                fired[0] = session.fireAllRules(limit);
            } catch (ThreadDeath d) {
                stopped = true;
            } finally {
                if (state.compareAndSet(0, 3)) {
                    watch.cancel(false);
                    inTime = true;
                } else if (!stopped && !state.compareAndSet(1, 3)) {
                    waitForStop(); // the watchdog is stopping this thread: ThreadDeath is on its way
                }
            }
            if (!inTime || stopped) {
                Thread.interrupted(); // a halted or stopped session may leave the flag set: the thread goes on
            }
            return inTime && !stopped;
        } catch (ThreadDeath late) {
            Thread.interrupted();
            return false;
        }
    }

    private static void waitForStop() {
        while (true) { // the watchdog has decided to stop this thread: ThreadDeath is on its way
            try {
                Thread.sleep(10);
            } catch (InterruptedException ignored) {
                // keep waiting
            }
        }
    }

    private ScoringException timedOut(String rule, Policy policy, Submission submission) {
        return new ScoringTimeoutException("rule \"" + rule + "\" of " + policy.id() + " was still running on submission "
                + submission.id() + " after " + (timeoutMillis / 1000.0) + " s and was stopped (the limit is set with "
                + "--timeout)");
    }


    /** Firings allowed on top of --max-firings for each fact: a large submission legitimately fires more. */
    public static final int FIRINGS_PER_FACT = 50;

    private int limitFor(Submission s) {
        long facts = 1L + s.indicators().size() + s.tasks().size() + s.categories().size()
                + (s.budget() == null ? 0 : s.budget().lines().size());
        return (int) Math.min(Integer.MAX_VALUE - 1, maxFirings + FIRINGS_PER_FACT * facts);
    }

    private static String describe(Throwable t) {
        String m = messageOf(t);
        String out = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // the engine wraps what went wrong (a field the notice does not declare, a rounding mode it does not know):
        // the innermost message is the one that says it
        String rm = messageOf(root);
        if (root != t && rm != null && (m == null || !m.contains(rm))) {
            out += " — " + rm;
        }
        return out;
    }

    /**
     * A throwable's message, except a NullPointerException's: the JVM writes one (naming a local variable of the
     * compiled rule) only until the just-in-time compiler replaces a frequent throw by a preallocated exception without
     * any, so the same failure would be reported in two ways; the rule and the submission say where it is.
     */
    private static String messageOf(Throwable t) {
        return t instanceof NullPointerException ? null : t.getMessage();
    }

    private static String subjectOf(Object o) {
        if (o instanceof Indicator i) {
            return i.path();
        }
        if (o instanceof IndicatorScore s) {
            return s.getIndicator().path();
        }
        if (o instanceof CategoryWeight w) {
            return w.getCategory();
        }
        if (o instanceof CategoryScore c) {
            return c.getCategory();
        }
        return null;
    }

    private static final List<Class<?>> RESULT_KINDS = List.of(Indicator.class, IndicatorScore.class, Finding.class,
            CategoryWeight.class, CategoryScore.class, TotalScore.class, Grade.class);

    /** The session's objects of one kind, as a list of their own. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> of(Map<Class<?>, List<Object>> byClass, Class<T> type) {
        return new ArrayList<>((List<T>) (List<?>) byClass.getOrDefault(type, List.of()));
    }

    private static ScoreResult collect(Policy policy, Submission submission, KieSession session,
                                       List<ScoreResult.Firing> firings) {
        // one pass over the session's objects, sorted into the kinds of result (subclasses a policy declares count)
        Map<Class<?>, List<Object>> byClass = new LinkedHashMap<>();
        for (Class<?> kind : RESULT_KINDS) {
            byClass.put(kind, new ArrayList<>());
        }
        for (Object o : session.getObjects()) {
            for (Map.Entry<Class<?>, List<Object>> kind : byClass.entrySet()) {
                if (kind.getKey().isInstance(o)) {
                    kind.getValue().add(o);
                    break;
                }
            }
        }
        List<CategoryWeight> weights = of(byClass, CategoryWeight.class);
        List<CategoryScore> categories = of(byClass, CategoryScore.class);
        List<IndicatorScore> indicators = of(byClass, IndicatorScore.class);
        List<TotalScore> totals = of(byClass, TotalScore.class);
        List<Grade> grades = of(byClass, Grade.class);
        List<Finding> findings = of(byClass, Finding.class);
        List<Indicator> allIndicators = of(byClass, Indicator.class);
        weights.sort(Comparator.comparingInt(CategoryWeight::getOrder).thenComparing(CategoryWeight::getCategory));
        Map<String, Integer> categoryOrder = new LinkedHashMap<>();
        weights.forEach(w -> categoryOrder.putIfAbsent(w.getCategory(), w.getOrder()));

        Map<Indicator, Integer> rowOrder = new IdentityHashMap<>();
        List<Indicator> rows = submission.indicators();
        for (int i = 0; i < rows.size(); i++) {
            rowOrder.put(rows.get(i), i);
        }

        categories.sort(Comparator.comparing((CategoryScore c) -> categoryOrder.getOrDefault(c.getCategory(),
                Integer.MAX_VALUE)).thenComparing(CategoryScore::getCategory));

        Map<IndicatorScore, String> paths = new IdentityHashMap<>();
        indicators.forEach(s -> paths.put(s, s.getIndicator().path()));
        indicators.sort(Comparator
                .comparing((IndicatorScore s) -> categoryOrder.getOrDefault(s.getIndicator().category(),
                        Integer.MAX_VALUE))
                .thenComparing(s -> rowOrder.getOrDefault(s.getIndicator(), -1))
                .thenComparing(paths::get));

        findings.addAll(invariants(allIndicators, indicators, totals, grades));
        findings.sort(Comparator.comparing(Finding::severity) // heaviest first: the enum's order
                .thenComparing(f -> String.valueOf(f.getSubject()))
                .thenComparing(f -> String.valueOf(f.getCode()))
                .thenComparing(f -> String.valueOf(f.getMessage())));

        return new ScoreResult(submission, policy, List.copyOf(weights), List.copyOf(categories),
                List.copyOf(indicators), totals.isEmpty() ? null : totals.get(0),
                grades.isEmpty() ? null : grades.get(0), List.copyOf(findings), List.copyOf(firings));
    }

    /** The rule name the host gives the findings it makes itself. */
    public static final String HOST_RULE = "jixiao：每项指标恰有一个得分，总分和等级各只有一个";

    /**
     * Checks that hold for every policy: each indicator (of the table, or worked out by a rule) gets exactly one
     * score, and there is exactly one total and one grade. A policy that breaks them has a gap or an overlap in its
     * rules: the result says so, and {@code score} does not report such a result as a score (exit 4).
     */
    private static List<Finding> invariants(List<Indicator> all, List<IndicatorScore> scores,
                                            List<TotalScore> totals, List<Grade> grades) {
        List<Finding> out = new ArrayList<>();
        Map<Indicator, List<IndicatorScore>> byIndicator = new IdentityHashMap<>();
        for (IndicatorScore s : scores) {
            byIndicator.computeIfAbsent(s.getIndicator(), k -> new ArrayList<>()).add(s);
        }
        for (Indicator i : all) {
            if (!byIndicator.containsKey(i)) {
                out.add(hostFinding("NOT_SCORED", i.path(), "没有规则为该指标计分（指标值“" + i.target()
                        + "”，实际完成值“" + i.actual() + "”），不计入得分；请检查填写或规则。"));
            }
        }
        byIndicator.forEach((i, list) -> {
            if (list.size() > 1) {
                out.add(hostFinding("SCORED_TWICE", i.path(), "有" + list.size() + "条规则为该指标计分（"
                        + list.stream().map(IndicatorScore::getRule).collect(Collectors.joining("；"))
                        + "），各得分都计入了合计；规则之间有重叠。"));
            }
        });
        if (totals.isEmpty()) {
            out.add(hostFinding("NO_TOTAL", null, "没有规则给出总分；规则有缺口。"));
        }
        if (grades.isEmpty() && !totals.isEmpty()) {
            out.add(hostFinding("NO_GRADE", null, "总分" + jixiao.model.Num.fmt(totals.get(0).getScore())
                    + "分没有规则给出等级：等级区间之间有缺口。"));
        }
        if (totals.size() > 1) {
            out.add(hostFinding("TOTAL_TWICE", null, "有" + totals.size() + "个总分（"
                    + totals.stream().map(TotalScore::getRule).collect(Collectors.joining("；")) + "），只采用第一个。"));
        }
        if (grades.size() > 1) {
            out.add(hostFinding("GRADE_TWICE", null, "有" + grades.size() + "个等级（"
                    + grades.stream().map(Grade::getRule).collect(Collectors.joining("；")) + "）：等级区间有重叠。"));
        }
        return out;
    }

    private static Finding hostFinding(String code, String subject, String message) {
        Finding f = new Finding(jixiao.model.Severity.ERROR.code(), code, subject, message);
        f.stampRule(HOST_RULE);
        return f;
    }

}
