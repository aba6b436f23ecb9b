package dev.vantage.data.sql;

/**
 * How {@link SqlNormalizer} treats literals.
 *
 * @param maskValues replace every literal of the query (not LIMIT/OFFSET counts) by {@link #MASK}
 */
public record NormalizationOptions(boolean maskValues) {
    public static final String MASK = "'value'";
    public static final NormalizationOptions KEEP_VALUES = new NormalizationOptions(false);
    public static final NormalizationOptions MASK_VALUES = new NormalizationOptions(true);
}
