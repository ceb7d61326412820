package dev.portcullis.runtime.loader;

/** A precompiled policy could not be loaded: missing or corrupt files, or a class that cannot be used. */
public final class PolicyLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PolicyLoadException(String message) {
        super(message);
    }

    public PolicyLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
