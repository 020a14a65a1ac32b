package jixiao.report;

/** Padding for terminals where CJK characters take two columns. */
final class Text {
    private Text() {
    }

    /** Columns the text takes in a terminal: 2 for East Asian wide and full-width characters, 1 otherwise. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    static String padRight(String s, int columns) {
        int pad = columns - width(s);
        return pad > 0 ? s + " ".repeat(pad) : s;
    }

    static String padLeft(String s, int columns) {
        int pad = columns - width(s);
        return pad > 0 ? " ".repeat(pad) + s : s;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)
                || (cp >= 0x2E80 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
