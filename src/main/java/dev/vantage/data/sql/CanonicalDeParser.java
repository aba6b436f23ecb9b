package dev.vantage.data.sql;

import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;

import java.util.Map;

/** JSqlParser's deparser, printing recorded replacements instead of their nodes and {@code !=} for both not-equals spellings. */
final class CanonicalDeParser extends ExpressionDeParser {
    private final Map<Object, String> replacements;

    private CanonicalDeParser(Map<Object, String> replacements) {
        this.replacements = replacements;
    }

    static String render(Select select, Map<Object, String> replacements) {
        StringBuilder out = new StringBuilder();
        CanonicalDeParser expressions = new CanonicalDeParser(replacements);
        SelectDeParser selects = new SelectDeParser(expressions, out);
        expressions.setSelectVisitor(selects);
        expressions.setBuffer(out);
        select.accept((net.sf.jsqlparser.statement.select.SelectVisitor<StringBuilder>) selects, null);
        return out.toString();
    }

    private boolean replaced(Object node) {
        String r = replacements.get(node);
        if (r == null) return false;
        getBuffer().append(r);
        return true;
    }

    @Override public <S> StringBuilder visit(Column c, S context) {
        return replaced(c) ? getBuffer() : super.visit(c, context);
    }

    @Override public <S> StringBuilder visit(StringValue v, S context) {
        return replaced(v) ? getBuffer() : super.visit(v, context);
    }

    @Override public <S> StringBuilder visit(LongValue v, S context) {
        return replaced(v) ? getBuffer() : super.visit(v, context);
    }

    @Override public <S> StringBuilder visit(DoubleValue v, S context) {
        return replaced(v) ? getBuffer() : super.visit(v, context);
    }

    @Override public <S> StringBuilder visit(HexValue v, S context) {
        return replaced(v) ? getBuffer() : super.visit(v, context);
    }

    @Override public <S> StringBuilder visit(DateValue v, S context) {
        return replaced(v) ? getBuffer() : super.visit(v, context);
    }

    @Override public <S> StringBuilder visit(TimeValue v, S context) {
        return replaced(v) ? getBuffer() : super.visit(v, context);
    }

    @Override public <S> StringBuilder visit(TimestampValue v, S context) {
        return replaced(v) ? getBuffer() : super.visit(v, context);
    }

    @Override public <S> StringBuilder visit(SignedExpression e, S context) {
        return replaced(e) ? getBuffer() : super.visit(e, context);
    }

    @Override public <S> StringBuilder visit(NotEqualsTo e, S context) {
        return deparse(e, " != ", context);
    }
}
