package dev.vantage.data.sql;

import net.sf.jsqlparser.JSQLParserException;

/** SQL that JSqlParser cannot read, or that is not a query; the message quotes the SQL and the parser's reason. */
public final class SqlParseException extends RuntimeException {
    public SqlParseException(String message) { super(message); }

    public SqlParseException(String message, Throwable cause) { super(message, cause); }

    /** JSqlParser's reason without exception class names and the long "was expecting" list. */
    public static String reason(JSQLParserException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? "parse error" : t.getMessage();
        m = m.replaceAll("(?:[a-z]+\\.)+[A-Z][A-Za-z]*(?:Exception|Error): ", "");
        int expecting = m.indexOf("Was expecting");
        if (expecting >= 0) m = m.substring(0, expecting);
        return m.replaceAll("\\s+", " ").trim();
    }
}
