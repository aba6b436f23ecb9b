package dev.vantage.evaluation.spider;

import java.util.Locale;

/** What to evaluate: exact set match, execution accuracy, or both (the official --etype). */
public enum EvalType {
    ALL, MATCH, EXEC;

    public boolean match() {
        return this != EXEC;
    }

    public boolean exec() {
        return this != MATCH;
    }

    public static EvalType parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--etype must be all, match or exec, got '" + text + "'");
        }
    }
}
