package dev.vantage.data.dataset;

import dev.vantage.data.Example;

import java.util.List;

/** The examples of one split of one dataset, and the report of how loading went. */
public record LoadedSplit(String dataset, String split, List<Example> examples, LoadReport report) {
    public LoadedSplit {
        examples = List.copyOf(examples);
    }
}
