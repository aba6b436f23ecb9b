package dev.vantage.evaluation.spider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vantage.evaluation.spider.SpiderGrammar.OP_IN;
import static dev.vantage.evaluation.spider.SpiderGrammar.OP_LIKE;

/**
 * Spider exact set match and its partial component scores (Evaluator.eval_exact_match and
 * eval_partial_match), on queries already normalised by {@link SqlRebuilder}. Items are compared as
 * multisets where the official code removes matched items one by one, and as sets where it builds sets.
 */
public final class ExactMatch {
    /** Component names, in the official report's order. */
    public static final List<String> COMPONENTS = List.of("select", "select(no AGG)", "where", "where(no OP)",
            "group(no Having)", "group", "order", "and/or", "IUEN", "keywords");

    private ExactMatch() {
    }

    public record Result(boolean exact, Map<String, PartialScore> partial) {}

    public static Result evaluate(SpiderSql pred, SpiderSql label) {
        Map<String, PartialScore> partial = partialScores(pred, label);
        for (PartialScore score : partial.values()) {
            if (score.f1() != 1) {
                return new Result(false, partial);
            }
        }
        if (!label.from().tableUnits().isEmpty()) {
            return new Result(sortedTables(label).equals(sortedTables(pred)), partial);
        }
        return new Result(true, partial);
    }

    public static Map<String, PartialScore> partialScores(SpiderSql pred, SpiderSql label) {
        Map<String, PartialScore> res = new LinkedHashMap<>();
        int[] sel = select(pred, label);
        res.put("select", PartialScore.of(sel[2], sel[1], sel[0]));
        res.put("select(no AGG)", PartialScore.of(sel[3], sel[1], sel[0]));
        int[] where = where(pred, label);
        res.put("where", PartialScore.of(where[2], where[1], where[0]));
        res.put("where(no OP)", PartialScore.of(where[3], where[1], where[0]));
        int[] group = group(pred, label);
        res.put("group(no Having)", PartialScore.of(group[2], group[1], group[0]));
        int[] having = having(pred, label);
        res.put("group", PartialScore.of(having[2], having[1], having[0]));
        int[] order = order(pred, label);
        res.put("order", PartialScore.of(order[2], order[1], order[0]));
        int[] andOr = andOr(pred, label);
        res.put("and/or", PartialScore.of(andOr[2], andOr[1], andOr[0]));
        int[] iuen = iuen(pred, label);
        res.put("IUEN", PartialScore.of(iuen[2], iuen[1], iuen[0]));
        int[] keywords = keywords(pred, label);
        res.put("keywords", PartialScore.of(keywords[2], keywords[1], keywords[0]));
        return res;
    }

    /** {label_total, pred_total, cnt, cnt_wo_agg}. */
    private static int[] select(SpiderSql pred, SpiderSql label) {
        List<SelectItem> labelItems = new ArrayList<>(label.select().items());
        List<ValUnit> labelWithoutAgg = new ArrayList<>(labelItems.stream().map(SelectItem::valUnit).toList());
        int cnt = 0;
        int cntWithoutAgg = 0;
        for (SelectItem item : pred.select().items()) {
            if (labelItems.remove(item)) {
                cnt++;
            }
            if (labelWithoutAgg.remove(item.valUnit())) {
                cntWithoutAgg++;
            }
        }
        return new int[] {label.select().items().size(), pred.select().items().size(), cnt, cntWithoutAgg};
    }

    private static int[] where(SpiderSql pred, SpiderSql label) {
        List<CondUnit> labelUnits = new ArrayList<>(label.where().units());
        List<ValUnit> labelWithoutOp = new ArrayList<>(labelUnits.stream().map(CondUnit::valUnit).toList());
        List<CondUnit> predUnits = pred.where().units();
        int cnt = 0;
        int cntWithoutOp = 0;
        for (CondUnit unit : predUnits) {
            if (labelUnits.remove(unit)) {
                cnt++;
            }
            if (labelWithoutOp.remove(unit.valUnit())) {
                cntWithoutOp++;
            }
        }
        return new int[] {label.where().units().size(), predUnits.size(), cnt, cntWithoutOp};
    }

    /** GROUP BY columns compared by the part after the last table prefix ("__t.c__" counts as "c__"). */
    private static int[] group(SpiderSql pred, SpiderSql label) {
        List<String> predCols = pred.groupBy().stream().map(unit -> afterDot(unit.colId())).toList();
        List<String> labelCols = new ArrayList<>(label.groupBy().stream().map(unit -> afterDot(unit.colId())).toList());
        int cnt = 0;
        for (String col : predCols) {
            if (labelCols.remove(col)) {
                cnt++;
            }
        }
        return new int[] {label.groupBy().size(), pred.groupBy().size(), cnt};
    }

    private static String afterDot(String colId) {
        int dot = colId.indexOf('.');
        if (dot < 0) {
            return colId;
        }
        int next = colId.indexOf('.', dot + 1);
        return colId.substring(dot + 1, next < 0 ? colId.length() : next); // Python's split(".")[1]
    }

    private static int[] having(SpiderSql pred, SpiderSql label) {
        int predTotal = pred.groupBy().isEmpty() ? 0 : 1;
        int labelTotal = label.groupBy().isEmpty() ? 0 : 1;
        List<String> predCols = pred.groupBy().stream().map(ColUnit::colId).toList();
        List<String> labelCols = label.groupBy().stream().map(ColUnit::colId).toList();
        int cnt = predTotal == 1 && labelTotal == 1 && predCols.equals(labelCols)
                && pred.having().equals(label.having()) ? 1 : 0;
        return new int[] {labelTotal, predTotal, cnt};
    }

    private static int[] order(SpiderSql pred, SpiderSql label) {
        int predTotal = pred.orderBy() != null ? 1 : 0;
        int labelTotal = label.orderBy() != null ? 1 : 0;
        boolean sameLimitPresence = (pred.limit() == null) == (label.limit() == null);
        int cnt = label.orderBy() != null && label.orderBy().equals(pred.orderBy()) && sameLimitPresence ? 1 : 0;
        return new int[] {labelTotal, predTotal, cnt};
    }

    /** Note the official return order here: (len(pred set), len(label set), 0) lands as (label_total, pred_total, cnt). */
    private static int[] andOr(SpiderSql pred, SpiderSql label) {
        Set<Object> predSet = new HashSet<>(pred.where().connectors());
        Set<Object> labelSet = new HashSet<>(label.where().connectors());
        if (predSet.equals(labelSet)) {
            return new int[] {1, 1, 1};
        }
        return new int[] {predSet.size(), labelSet.size(), 0};
    }

    private static int[] iuen(SpiderSql pred, SpiderSql label) {
        int[] a = nested(pred.intersect(), label.intersect());
        int[] b = nested(pred.except(), label.except());
        int[] c = nested(pred.union(), label.union());
        return new int[] {a[0] + b[0] + c[0], a[1] + b[1] + c[1], a[2] + b[2] + c[2]};
    }

    private static int[] nested(SpiderSql pred, SpiderSql label) {
        int labelTotal = label != null ? 1 : 0;
        int predTotal = pred != null ? 1 : 0;
        int cnt = pred != null && label != null && evaluate(pred, label).exact() ? 1 : 0;
        return new int[] {labelTotal, predTotal, cnt};
    }

    static Set<String> keywordsOf(SpiderSql sql) {
        Set<String> res = new HashSet<>();
        if (!sql.where().isEmpty()) {
            res.add("where");
        }
        if (!sql.groupBy().isEmpty()) {
            res.add("group");
        }
        if (!sql.having().isEmpty()) {
            res.add("having");
        }
        if (sql.orderBy() != null) {
            res.add(sql.orderBy().direction());
            res.add("order");
        }
        if (sql.limit() != null) {
            res.add("limit");
        }
        if (sql.except() != null) {
            res.add("except");
        }
        if (sql.union() != null) {
            res.add("union");
        }
        if (sql.intersect() != null) {
            res.add("intersect");
        }
        if (Hardness.allConnectors(sql).contains("or")) {
            res.add("or");
        }
        List<CondUnit> units = Hardness.allUnits(sql);
        if (units.stream().anyMatch(CondUnit::not)) {
            res.add("not");
        }
        if (units.stream().anyMatch(unit -> unit.op() == OP_IN)) {
            res.add("in");
        }
        if (units.stream().anyMatch(unit -> unit.op() == OP_LIKE)) {
            res.add("like");
        }
        return res;
    }

    private static int[] keywords(SpiderSql pred, SpiderSql label) {
        Set<String> predKeywords = keywordsOf(pred);
        Set<String> labelKeywords = keywordsOf(label);
        int cnt = (int) predKeywords.stream().filter(labelKeywords::contains).count();
        return new int[] {labelKeywords.size(), predKeywords.size(), cnt};
    }

    /** sorted(table_units): by type, then table id; nested queries keep their written order. */
    private static List<TableUnit> sortedTables(SpiderSql sql) {
        List<TableUnit> units = new ArrayList<>(sql.from().tableUnits());
        units.sort(Comparator.comparing(TableUnit::type)
                .thenComparing(unit -> unit.unit() instanceof String id ? id : "", Comparator.naturalOrder()));
        return units;
    }
}
