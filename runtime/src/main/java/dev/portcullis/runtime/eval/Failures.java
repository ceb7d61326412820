package dev.portcullis.runtime.eval;

/** Collects the failures of steps that must all run (giving quota back), to report the first after all. */
final class Failures {

    private Failures() {
    }

    /** {@code first}, with {@code next} added as suppressed; {@code next} when there was none yet. */
    static RuntimeException collect(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
