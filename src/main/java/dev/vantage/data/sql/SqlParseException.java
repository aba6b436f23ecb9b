package dev.vantage.data.sql;

/** SQL that JSqlParser cannot read, or that is not a query; the message quotes the SQL and the parser's reason. */
public final class SqlParseException extends RuntimeException {
    public SqlParseException(String message) { super(message); }

    public SqlParseException(String message, Throwable cause) { super(message, cause); }
}
