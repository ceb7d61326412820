package dev.portcullis.testkit.coverage;

/**
 * How often a run exercised one item.
 *
 * @param decisions how many decisions named the item; for a rule, also those by a limit it declares
 * @param charged   for a limit: how many charges allowed calls made to it; for a rule: to the limits it declares
 */
public record CoverageEntry(CoverageItem item, long decisions, long charged) {

    public boolean exercised() {
        return decisions > 0 || charged > 0;
    }
}
