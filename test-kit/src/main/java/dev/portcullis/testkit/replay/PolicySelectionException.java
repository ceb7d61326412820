package dev.portcullis.testkit.replay;

/** No policy could be chosen for a transcript; the message says why and how to choose one. */
public final class PolicySelectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PolicySelectionException(String message) {
        super(message);
    }
}
