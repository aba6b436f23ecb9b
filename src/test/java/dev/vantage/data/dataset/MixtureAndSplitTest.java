package dev.vantage.data.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.config.VantageConfig;
import dev.vantage.data.Example;
import dev.vantage.data.preprocess.DataConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class MixtureAndSplitTest {
    private static List<Example> examples(String dataset, int n, int dbs) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Example(dataset + "/" + i, dataset, "db" + (i % dbs), "q" + i, "", "SELECT " + i));
        return out;
    }

    @Test void weightsComeFromTheConfigAndRenormalizeOverWhatIsPresent() {
        Map<String, Double> w = VantageConfig.load("tiny").data().mixture();
        assertEquals(Map.of("spider", 0.4, "bird", 0.3, "wikisql", 0.2, "gretel", 0.1), w);
        Map<String, Double> n = DatasetMixture.renormalize(w, List.of("spider", "wikisql"));
        assertEquals(2.0 / 3, n.get("spider"), 1e-12);
        assertEquals(1.0 / 3, n.get("wikisql"), 1e-12);
        assertEquals(Map.of("spider", 1.0), DatasetMixture.renormalize(w, List.of("spider", "mine")));
        assertThrows(IllegalArgumentException.class, () -> DatasetMixture.renormalize(w, List.of("mine")));
    }

    @Test void badWeightIsNamed() throws Exception {
        var data = new ObjectMapper().readTree("{\"mixture\": {\"spider\": \"lots\"}}");
        var e = assertThrows(IllegalArgumentException.class, () -> DataConfig.from(data));
        assertTrue(e.getMessage().contains("data.mixture.spider"));
    }

    @Test void mixtureFollowsTheWeightsAndIsDeterministic() {
        Map<String, List<Example>> by = new LinkedHashMap<>();
        by.put("spider", examples("spider", 100, 10));
        by.put("wikisql", examples("wikisql", 1000, 500));
        by.put("bird", List.of());
        Map<String, Double> w = DatasetMixture.DEFAULT_WEIGHTS;
        List<Example> m = DatasetMixture.mix(by, w, 7);
        assertEquals(1100, m.size());
        Map<String, Long> counts = m.stream().collect(Collectors.groupingBy(Example::dataset, Collectors.counting()));
        assertEquals(733L, counts.get("spider"));   // 2/3 of 1100, Spider oversampled
        assertEquals(367L, counts.get("wikisql"));
        // oversampling uses every spider example before repeating any
        assertEquals(100, new HashSet<>(m.stream().filter(e -> e.dataset().equals("spider")).toList()).size());
        assertEquals(m, DatasetMixture.mix(by, w, 7));
        assertNotEquals(m, DatasetMixture.mix(by, w, 8));
    }

    @Test void validationHoldsOutWholeDatabasesDeterministically() {
        List<Example> all = examples("spider", 1000, 40);
        ValidationSplit.Split s = ValidationSplit.split(all, 0.1, 1234);
        assertEquals(1000, s.train().size() + s.validation().size());
        assertTrue(s.validation().size() >= 100 && s.validation().size() < 100 + 25, "about 10%: " + s.validation().size());
        Set<String> trainDbs = s.train().stream().map(Example::dbId).collect(Collectors.toSet());
        assertTrue(s.validation().stream().noneMatch(e -> trainDbs.contains(e.dbId())));
        assertEquals(s, ValidationSplit.split(all, 0.1, 1234));
        assertNotEquals(s.validation(), ValidationSplit.split(all, 0.1, 99).validation());
        assertEquals(0, ValidationSplit.split(all, 0.0, 1).validation().size());
    }
}
