package dev.vantage.evaluation.execution;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseConnectorTest {

    @Test
    void sqliteUrlsGetTheHardenedConnector() {
        DatabaseConnector connector = DatabaseConnector.forUrl("jdbc:sqlite:/data/x.sqlite");
        assertInstanceOf(SqliteConnector.class, connector);
        assertEquals("sqlite:/data/x.sqlite", connector.key());
    }

    @Test
    void sqliteUriParametersAreNotTrustedForReadOnly() {
        assertThrows(IllegalArgumentException.class, () -> DatabaseConnector.forUrl("jdbc:sqlite:file:/data/x.sqlite?mode=ro"));
    }

    @Test
    void otherUrlsAreGenericAndHidePasswords() {
        DatabaseConnector connector = DatabaseConnector.forUrl("jdbc:postgresql://localhost/db?user=u&password=secret");
        assertInstanceOf(JdbcUrlConnector.class, connector);
        assertEquals("jdbc:postgresql://localhost/db?user=u&password=***", connector.toString());
    }
}
