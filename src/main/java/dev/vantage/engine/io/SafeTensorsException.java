package dev.vantage.engine.io;

/** A checkpoint that cannot be read or written as asked; the message names the file and, if any, the tensor. */
public class SafeTensorsException extends RuntimeException {
    public SafeTensorsException(String message) { super(message); }

    public SafeTensorsException(String message, Throwable cause) { super(message, cause); }
}
