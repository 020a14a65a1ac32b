package jixiao.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools' compile messages as an analyst reads them: {@code [ERR 102] Line 18:0 mismatched input '<eof>' in rule "…"}
 * becomes 第18行第1列：文件在这里结束了…, the input Drools stopped at shown (and named when it is a full-width or
 * invisible look-alike), the likely cause in words. What is not recognised keeps Drools' own words after 写法有误.
 */
final class DroolsMessages {

    private static final Pattern PARSE = Pattern.compile("\\[ERR (\\d+)\\] Line (\\d+):(\\d+) (.*?)"
            + "(?: in rule \"([^\"]*)\"| in rule ([^\\s]+))?(?: in (?:pattern|query) [^\\s]+)?\\s*$", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("'(.*?)'");
    private static final Pattern TYPE = Pattern.compile("Unable to resolve ObjectType '([^']+)'");

    private DroolsMessages() {
    }

    static String inChinese(String message) {
        String m = message.replaceAll("\\s*\\R\\s*", " ").strip();
        Matcher p = PARSE.matcher(m);
        if (p.matches()) {
            String rule = p.group(5) != null ? p.group(5) : p.group(6);
            String where = "第" + p.group(2) + "行第" + (Integer.parseInt(p.group(3)) + 1) + "列"
                    + (rule == null || rule.isBlank() ? "" : "（规则“" + rule + "”）");
            return where + "：" + cause(p.group(4)) + "（Drools ERR " + p.group(1) + "）";
        }
        Matcher t = TYPE.matcher(m);
        if (t.find()) {
            return "找不到事实类型“" + t.group(1) + "”：名字写错了，或少了 import（事实类型见 docs/rules.md）";
        }
        return m;
    }

    private static String cause(String text) {
        Matcher in = INPUT.matcher(text);
        String first = in.find() ? in.group(1) : null;
        String second = in.find() ? in.group(1) : null;
        if (first != null && first.equalsIgnoreCase("<eof>")) {
            return "文件在这里就结束了，规则还没有写完：少了 end，或少了右括号“)”、引号";
        }
        if (first != null && first.isEmpty() && text.startsWith("no viable alternative")) {
            return "这里写法不对，无法往下读（常见原因：全角符号或看不见的字符，见同一行的上一条）";
        }
        String shown = first == null ? "" : "“" + first + "”" + named(first);
        String hint = "then".equals(first) || "end".equals(first)
                ? "；常见原因：上一行（when 的最后一个条件）少了右括号“)”" : "";
        if (text.startsWith("no viable alternative at input")) {
            return "读到" + shown + "时写法不对，无法往下读" + hint;
        }
        if (text.startsWith("mismatched input") && second != null) {
            return "这里应写“" + second + "”，却是" + shown + hint;
        }
        if (text.startsWith("mismatched input")) {
            return "这里不该是" + shown + hint;
        }
        if (text.startsWith("extraneous input")) {
            return "多了" + shown + (second == null ? "" : "（这里应是“" + second + "”）") + hint;
        }
        if (text.startsWith("missing")) {
            return "在" + (second == null ? "这里" : "“" + second + "”") + "之前少了“" + first + "”";
        }
        if (text.contains("trailing semi-colon")) {
            return "这里不能以分号结尾";
        }
        return "写法有误：" + text;
    }

    /** The name of a look-alike character in the input Drools stopped at, if there is one. */
    private static String named(String input) {
        for (char c : input.toCharArray()) {
            String name = LookAlikes.nameOf(c);
            if (name != null) {
                return "（其中“" + c + "”是" + name + "）";
            }
        }
        return "";
    }
}
