package dev.vantage.evaluation.spider;

import java.util.Map;

/**
 * Everything measured for one question; fields of a metric not run are null.
 *
 * @param skipReason   why the question was not evaluated (missing database, ...), or null
 * @param predParsed   whether the official grammar parsed the prediction (if not it scores as an empty query)
 * @param execDetail   why execution failed or differed, empty when it matched
 * @param validSql     whether the prediction as written passes the guard and runs without error on the
 *                     question's database (null when execution was not evaluated)
 */
public record QuestionResult(int index, String dbId, String gold, String pred, Hardness hardness, String skipReason,
                             Boolean predParsed, String predParseError, Boolean exact,
                             Map<String, PartialScore> partial, Boolean exec, String execDetail,
                             Boolean validSql) {

    static QuestionResult skipped(int index, GoldQuery gold, String pred, String reason) {
        return new QuestionResult(index, gold.dbId(), gold.sql(), pred, null, reason, null, null, null, null, null, null, null);
    }

    public boolean isSkipped() {
        return skipReason != null;
    }
}
