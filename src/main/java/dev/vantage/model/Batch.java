package dev.vantage.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A micro-batch with padding removed: every row's schema and decoder tokens are packed back to back,
 * so no kernel ever sees a padding token. Built from right-padded rows plus their lengths.
 */
public final class Batch {
    public final int rows;
    public final int[] schemaIds, schemaStart, schemaLen, schemaPos;
    public final int[] inputIds, inputStart, inputLen, inputPos;
    /** Packed decoder positions whose next token is a loss target, and those targets. */
    public final int[] lossPos, lossTarget;
    /** Packed index of the last decoder token of each row. */
    public final int[] lastPos;

    public Batch(int[][] schema, int[] schemaLengths, int[][] input, int[] inputLengths, int[][] lossMask) {
        rows = input.length;
        if (inputLengths.length != rows) throw new IllegalArgumentException("input_lengths has " + inputLengths.length + " entries for " + rows + " rows");
        boolean hasSchema = schema != null && schema.length > 0;
        if (hasSchema && (schema.length != rows || schemaLengths == null || schemaLengths.length != rows))
            throw new IllegalArgumentException("schema_ids/schema_lengths must have one entry per row (" + rows + ")");
        schemaStart = new int[rows]; schemaLen = new int[rows]; inputStart = new int[rows]; inputLen = new int[rows]; lastPos = new int[rows];
        int ns = 0, ni = 0;
        for (int b = 0; b < rows; b++) {
            int li = inputLengths[b];
            if (li < 1 || li > input[b].length) throw new IllegalArgumentException("input_lengths[" + b + "] = " + li + " but row has " + input[b].length + " ids");
            inputStart[b] = ni; inputLen[b] = li; ni += li;
            if (hasSchema) {
                int ls = schemaLengths[b];
                if (ls < 1 || ls > schema[b].length) throw new IllegalArgumentException("schema_lengths[" + b + "] = " + ls + " but row has " + schema[b].length + " ids");
                schemaStart[b] = ns; schemaLen[b] = ls; ns += ls;
            }
        }
        schemaIds = new int[ns]; schemaPos = new int[ns]; inputIds = new int[ni]; inputPos = new int[ni];
        List<int[]> loss = new ArrayList<>();
        for (int b = 0; b < rows; b++) {
            for (int t = 0; t < inputLen[b]; t++) {
                inputIds[inputStart[b] + t] = input[b][t];
                inputPos[inputStart[b] + t] = t;
                if (lossMask != null && t + 1 < inputLen[b] && lossMask[b][t] != 0) loss.add(new int[]{inputStart[b] + t, input[b][t + 1]});
            }
            lastPos[b] = inputStart[b] + inputLen[b] - 1;
            for (int t = 0; t < schemaLen[b]; t++) {
                schemaIds[schemaStart[b] + t] = schema[b][t];
                schemaPos[schemaStart[b] + t] = t;
            }
        }
        lossPos = new int[loss.size()]; lossTarget = new int[loss.size()];
        for (int i = 0; i < loss.size(); i++) { lossPos[i] = loss.get(i)[0]; lossTarget[i] = loss.get(i)[1]; }
    }

    public int schemaTokens() { return schemaIds.length; }

    Rows schemaRows() { return new Rows(schemaIds.length, schemaStart, schemaLen, schemaPos); }

    Rows inputRows() { return new Rows(inputIds.length, inputStart, inputLen, inputPos); }
    public int inputTokens() { return inputIds.length; }
}
