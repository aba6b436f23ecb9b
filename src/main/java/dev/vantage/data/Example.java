package dev.vantage.data;

/**
 * One question paired with its SQL over a database: what every dataset loader yields.
 *
 * @param id       stable identifier within its dataset (e.g. "spider/dev/17")
 * @param dataset  "spider", "bird", "wikisql", "gretel" or a user-given name
 * @param dbId     the database the SQL runs on
 * @param evidence external knowledge (BIRD); empty when the dataset has none
 */
public record Example(String id, String dataset, String dbId, String question, String evidence, String sql) {
    public Example {
        evidence = evidence == null ? "" : evidence;
    }
}
