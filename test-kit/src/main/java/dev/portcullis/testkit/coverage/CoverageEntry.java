package dev.portcullis.testkit.coverage;

/**
 * How often a run exercised one item.
 *
 * @param decisions how many decisions named the item
 * @param charged   for a limit: how many allowed calls of a tool it applies to (each charged it)
 */
public record CoverageEntry(CoverageItem item, long decisions, long charged) {

    public boolean exercised() {
        return decisions > 0 || charged > 0;
    }
}
