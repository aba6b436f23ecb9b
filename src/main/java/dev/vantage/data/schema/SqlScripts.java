package dev.vantage.data.schema;

import net.sf.jsqlparser.JSQLParserException;

import java.util.ArrayList;
import java.util.List;

/** SQL text helpers shared by the schema readers and data.sql: statement splitting, parser messages. */
public final class SqlScripts {
    private SqlScripts() {}

    /** JSqlParser's reason without exception class names and the long "was expecting" list. */
    public static String parserReason(JSQLParserException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? "parse error" : t.getMessage();
        m = m.replaceAll("(?:[a-z]+\\.)+[A-Z][A-Za-z]*(?:Exception|Error): ", "");
        int expecting = m.indexOf("Was expecting");
        if (expecting >= 0) m = m.substring(0, expecting);
        return m.replaceAll("\\s+", " ").trim();
    }

    /** The non-blank statements of {@code script}, without their terminating semicolons. */
    public static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int j = i + 1;
                while (j < n) {
                    if (script.charAt(j) == close) {
                        if (close != ']' && j + 1 < n && script.charAt(j + 1) == close) { j += 2; continue; } // doubled quote
                        break;
                    }
                    j++;
                }
                int end = Math.min(j, n - 1);
                cur.append(script, i, end + 1);
                i = end;
            } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') i++;
                cur.append('\n');
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
                cur.append(' ');
            } else if (c == ';') {
                flush(cur, out);
            } else {
                cur.append(c);
            }
        }
        flush(cur, out);
        return out;
    }

    private static void flush(StringBuilder cur, List<String> out) {
        String s = cur.toString().trim();
        if (!s.isEmpty()) out.add(s);
        cur.setLength(0);
    }
}
