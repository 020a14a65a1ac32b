package jixiao.service;

/** The exit codes of jixiao's commands, and which of two says the most. */
public final class Exit {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int BAD_RULES = 3;
    public static final int SCORING_FAILED = 4;
    public static final int INTERNAL = 5;

    private Exit() {
    }

    /** The exit code that says the most: internal over rules broken over scoring failed over input unreadable. */
    public static int worse(int a, int b) {
        int[] rank = {OK, BAD_INPUT, SCORING_FAILED, BAD_RULES, INTERNAL};
        int ra = 0;
        int rb = 0;
        for (int i = 0; i < rank.length; i++) {
            if (rank[i] == a) {
                ra = i;
            }
            if (rank[i] == b) {
                rb = i;
            }
        }
        return ra >= rb ? a : b;
    }
}
