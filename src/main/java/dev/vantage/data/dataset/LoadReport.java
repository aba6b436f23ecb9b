package dev.vantage.data.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened while loading: rows read and kept, rows rejected with their first problems, and
 * examples whose database is missing (kept, so callers can count them, but unusable for execution).
 * Loaders record into it and never stop at a bad row.
 */
public final class LoadReport {
    public static final int MAX_PROBLEMS_KEPT = 20;

    private final String source;
    private int rowsRead;
    private int rowsRejected;
    private final List<LoadProblem> firstProblems = new ArrayList<>();
    private int problemCount;
    private final Map<String, Integer> missingDatabases = new TreeMap<>();

    public LoadReport(String source) { this.source = source; }

    public String source() { return source; }

    void rowRead() { rowsRead++; }

    /** A row that could not be turned into an example. */
    void rejected(LoadProblem problem) {
        rowsRejected++;
        problem(problem);
    }

    /** A problem that did not cost a row (e.g. an unreadable column description file). */
    void problem(LoadProblem problem) {
        problemCount++;
        if (firstProblems.size() < MAX_PROBLEMS_KEPT) firstProblems.add(problem);
    }

    void missingDatabase(String dbId) { missingDatabases.merge(dbId, 1, Integer::sum); }

    public int rowsRead() { return rowsRead; }
    public int rowsRejected() { return rowsRejected; }
    public int examples() { return rowsRead - rowsRejected; }
    public int problemCount() { return problemCount; }
    public List<LoadProblem> firstProblems() { return Collections.unmodifiableList(firstProblems); }

    /** Examples per db_id whose database file is not there. */
    public Map<String, Integer> missingDatabases() { return Collections.unmodifiableMap(missingDatabases); }

    public int examplesWithMissingDatabase() {
        return missingDatabases.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Adds another report's counts into this one (e.g. train_spider + train_others). */
    public void absorb(LoadReport other) {
        rowsRead += other.rowsRead;
        rowsRejected += other.rowsRejected;
        problemCount += other.problemCount;
        for (LoadProblem p : other.firstProblems) if (firstProblems.size() < MAX_PROBLEMS_KEPT) firstProblems.add(p);
        other.missingDatabases.forEach((db, n) -> missingDatabases.merge(db, n, Integer::sum));
    }

    /** A few lines for a terminal: counts, missing databases, first problems. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(": ").append(examples()).append(" examples from ").append(rowsRead).append(" rows");
        if (rowsRejected > 0) sb.append(", ").append(rowsRejected).append(" rejected");
        if (!missingDatabases.isEmpty()) {
            sb.append(", ").append(examplesWithMissingDatabase()).append(" with a missing database ")
                    .append(missingDatabases);
        }
        for (LoadProblem p : firstProblems) sb.append("\n  ").append(p);
        if (problemCount > firstProblems.size()) {
            sb.append("\n  ... and ").append(problemCount - firstProblems.size()).append(" more problems");
        }
        return sb.toString();
    }

    @Override public String toString() { return summary(); }
}
