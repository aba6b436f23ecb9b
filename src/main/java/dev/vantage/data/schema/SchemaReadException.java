package dev.vantage.data.schema;

/** A schema source could not be read: the message names the file (or database), the entry and the field. */
public final class SchemaReadException extends RuntimeException {
    public SchemaReadException(String message) { super(message); }

    public SchemaReadException(String message, Throwable cause) { super(message, cause); }
}
