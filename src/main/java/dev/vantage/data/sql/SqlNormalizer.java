package dev.vantage.data.sql;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SqlScripts;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;

/**
 * One spelling per query: keywords and function names upper case, single spaces, strings in single
 * quotes, tables and columns as the schema spells them, table aliases T1, T2, ... (see
 * {@link QueryCanonicalizer}), literals kept or masked. The result runs to the same rows as the
 * input on the database, and normalizing it again changes nothing.
 */
public final class SqlNormalizer {
    private SqlNormalizer() {}

    public static String normalize(String sql, DatabaseSchema schemaOrNull) {
        return normalize(sql, schemaOrNull, NormalizationOptions.KEEP_VALUES);
    }

    /**
     * @param schemaOrNull the database the query runs on; without it names keep their spelling and
     *                     every unqualified double-quoted name is read as a string (Spider's habit)
     */
    public static String normalize(String sql, DatabaseSchema schemaOrNull, NormalizationOptions options) {
        Select select = parseQuery(sql);
        QueryCanonicalizer c = new QueryCanonicalizer(schemaOrNull, options);
        c.canonicalize(select);
        return CanonicalDeParser.render(select, c.replacements());
    }

    /** Parses one SELECT (a trailing semicolon is fine). */
    public static Select parseQuery(String sql) {
        if (sql == null || sql.isBlank()) throw new SqlParseException("empty SQL");
        Statement st;
        try {
            st = CCJSqlParserUtil.parse(sql);
        } catch (JSQLParserException e) {
            throw new SqlParseException("cannot parse SQL: " + SqlScripts.parserReason(e) + " in: " + sql, e);
        }
        if (!(st instanceof Select select)) {
            throw new SqlParseException("not a query (" + st.getClass().getSimpleName() + "): " + sql);
        }
        return select;
    }
}
