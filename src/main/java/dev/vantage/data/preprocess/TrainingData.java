package dev.vantage.data.preprocess;

import dev.vantage.data.Example;
import dev.vantage.data.dataset.DatasetLoader;
import dev.vantage.data.dataset.Datasets;
import dev.vantage.data.dataset.LoadReport;
import dev.vantage.data.dataset.LoadedSplit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The training splits of every dataset found under a data directory, with their load reports. */
public record TrainingData(Map<String, DatasetLoader> loaders, Map<String, List<Example>> examples, Map<String, LoadReport> reports) {

    public static TrainingData load(Path dataDir, PrintStream log) {
        Map<String, DatasetLoader> loaders = new LinkedHashMap<>();
        Map<String, List<Example>> examples = new LinkedHashMap<>();
        Map<String, LoadReport> reports = new LinkedHashMap<>();
        for (DatasetLoader l : Datasets.discover(dataDir)) {
            if (!l.splits().contains(l.trainSplit())) {
                log.println(l.name() + ": no " + l.trainSplit() + " split, skipped");
                continue;
            }
            LoadedSplit s = l.load(l.trainSplit());
            log.println(s.report().summary());
            loaders.put(l.name(), l);
            examples.put(l.name(), s.examples());
            reports.put(l.name(), s.report());
        }
        if (loaders.isEmpty()) {
            throw new IllegalArgumentException("no dataset with a training split under " + dataDir
                    + " (expected spider/, bird/, wikisql/, gretel/ as 'vantage download' lays them out, or a dataset folder itself)");
        }
        return new TrainingData(loaders, examples, reports);
    }
}
