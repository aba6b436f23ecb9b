package dev.vantage.data.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the datasets under a data directory: {@code spider/}, {@code bird/}, {@code wikisql/},
 * {@code gretel/} (as {@code vantage download} lays them out), and a user's {@code <name>/} folder
 * with {@code *.jsonl} plus {@code databases/}.
 */
public final class Datasets {
    public static final List<String> KNOWN = List.of("spider", "bird", "wikisql", "gretel");

    private Datasets() {}

    /** The loader for a known dataset name over a folder, if the folder holds that dataset. */
    public static Optional<DatasetLoader> open(String name, Path dir) {
        if (!Files.isDirectory(dir)) return Optional.empty();
        return switch (name) {
            case "spider" -> Stream.of(dir, dir.resolve("spider_data"), dir.resolve("spider"))
                    .filter(SpiderLoader::looksLike).findFirst().map(SpiderLoader::new);
            case "bird" -> BirdLoader.looksLike(dir) ? Optional.of(new BirdLoader(dir)) : Optional.empty();
            case "wikisql" -> WikiSqlLoader.looksLike(dir) ? Optional.of(new WikiSqlLoader(dir)) : Optional.empty();
            case "gretel" -> GretelLoader.looksLike(dir) ? Optional.of(new GretelLoader(dir)) : Optional.empty();
            default -> Files.isDirectory(dir.resolve("databases")) ? Optional.of(new JsonlLoader(name, dir, dir.resolve("databases")))
                    : Optional.empty();
        };
    }

    /** Every dataset present under the data directory (also when the directory itself is one dataset). */
    public static List<DatasetLoader> discover(Path dataDir) {
        List<DatasetLoader> found = new ArrayList<>();
        if (!Files.isDirectory(dataDir)) throw new IllegalArgumentException("data directory " + dataDir + " does not exist");
        for (String name : KNOWN) open(name, dataDir.resolve(name)).ifPresent(found::add);
        if (found.isEmpty()) {
            // the directory may be one dataset itself (e.g. --data-dir .../spider)
            for (String name : KNOWN) {
                Optional<DatasetLoader> l = open(name, dataDir);
                if (l.isPresent()) { found.add(l.get()); break; }
            }
        }
        try (var dirs = Files.list(dataDir)) {
            dirs.filter(Files::isDirectory).sorted()
                    .filter(d -> !KNOWN.contains(d.getFileName().toString()))
                    .filter(d -> Files.isDirectory(d.resolve("databases")))
                    .forEach(d -> open(d.getFileName().toString(), d).ifPresent(found::add));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot list " + dataDir + ": " + e.getMessage(), e);
        }
        return found;
    }
}
