package jixiao.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Characters that look like rule code but are not: full-width punctuation a Chinese input method types (（ ） ， ； ＝
 * ＞ …), and characters that cannot be seen (a zero-width space, a byte-order mark inside the file, a full-width space).
 * Drools reports them as "no viable alternative at input ''" or blames the next line; this names each one where it
 * stands, outside strings and comments, with the character it should be.
 */
final class LookAlikes {

    private static final Map<Character, String[]> CHARS = Map.ofEntries(
            Map.entry('（', new String[] {"全角左括号", "("}), Map.entry('）', new String[] {"全角右括号", ")"}),
            Map.entry('，', new String[] {"全角逗号", ","}), Map.entry('；', new String[] {"全角分号", ";"}),
            Map.entry('：', new String[] {"全角冒号", ":"}), Map.entry('＝', new String[] {"全角等号", "="}),
            Map.entry('＞', new String[] {"全角大于号", ">"}), Map.entry('＜', new String[] {"全角小于号", "<"}),
            Map.entry('！', new String[] {"全角感叹号", "!"}), Map.entry('｛', new String[] {"全角左花括号", "{"}),
            Map.entry('｝', new String[] {"全角右花括号", "}"}), Map.entry('［', new String[] {"全角左方括号", "["}),
            Map.entry('］', new String[] {"全角右方括号", "]"}), Map.entry('＂', new String[] {"全角双引号", "\""}),
            Map.entry('“', new String[] {"中文左引号", "\""}), Map.entry('”', new String[] {"中文右引号", "\""}),
            Map.entry('＄', new String[] {"全角美元符号", "$"}), Map.entry('．', new String[] {"全角句点", "."}),
            Map.entry('　', new String[] {"全角空格", " "}), Map.entry('\u200B', new String[] {"零宽空格（看不见）", ""}),
            Map.entry('\u200C', new String[] {"零宽非连接符（看不见）", ""}),
            Map.entry('\u200D', new String[] {"零宽连接符（看不见）", ""}),
            Map.entry('\uFEFF', new String[] {"字节顺序标记 BOM（看不见）", ""}),
            Map.entry('\u00A0', new String[] {"不换行空格（看似空格）", " "}));

    private LookAlikes() {
    }

    /** The name of a look-alike character (全角左括号…), or null when it is none. */
    static String nameOf(char c) {
        String[] n = CHARS.get(c);
        return n == null ? null : n[0];
    }

    /** Each look-alike in the code of a DRL text (not in its strings or comments), as a problem at line and column. */
    static List<PolicyProblem> in(String file, String text) {
        List<PolicyProblem> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        boolean inBlockComment = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean inString = false;
            for (int k = 0; k < line.length(); k++) {
                char ch = line.charAt(k);
                if (inBlockComment) {
                    if (ch == '*' && k + 1 < line.length() && line.charAt(k + 1) == '/') {
                        inBlockComment = false;
                        k++;
                    }
                    continue;
                }
                if (!inString && ch == '/' && k + 1 < line.length() && line.charAt(k + 1) == '/') {
                    break;
                }
                if (!inString && ch == '/' && k + 1 < line.length() && line.charAt(k + 1) == '*') {
                    inBlockComment = true;
                    k++;
                    continue;
                }
                if (ch == '"' && (k == 0 || line.charAt(k - 1) != '\\')) {
                    inString = !inString;
                    continue;
                }
                String[] what = inString ? null : CHARS.get(ch);
                if (what != null && !(i == 0 && k == 0 && ch == '\uFEFF')) {
                    out.add(new PolicyProblem(file, i + 1, "第" + (i + 1) + "行第" + (k + 1) + "列是" + what[0] + "“" + ch
                            + "”（U+" + String.format("%04X", (int) ch) + "）：规则代码里" + (what[1].isEmpty()
                            ? "应删去它" : "应写半角“" + what[1] + "”"), true));
                }
            }
        }
        return out;
    }
}
