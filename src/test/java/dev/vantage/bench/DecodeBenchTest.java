package dev.vantage.bench;

import dev.vantage.cli.VantageCli;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench decode --spider-dev} runs end to end (one spider-mini question, short answers); the figures are not checked. */
class DecodeBenchTest {
    @Test
    void spiderDevModePrintsEveryWayAndTheConstraintCost() {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = VantageCli.commandLine().execute("bench", "decode", "--spider-dev", "--spider", "src/test/resources/spider-mini",
                    "--questions", "1", "--beam", "2", "--max-new-tokens", "8");
        } finally {
            System.setOut(out);
        }
        String text = o.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        for (String way : new String[]{"greedy, constrained", "greedy, unconstrained", "beam 2, constrained", "beam 2, unconstrained"})
            assertTrue(text.lines().anyMatch(l -> l.strip().startsWith(way + " ")), way + " in\n" + text);
        assertTrue(text.contains("constraint cost, greedy: ") && text.contains("constraint cost, beam 2: "), text);
    }
}
