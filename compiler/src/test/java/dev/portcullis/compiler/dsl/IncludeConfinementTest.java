package dev.portcullis.compiler.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the file-system include resolver may read from: policies may come from an untrusted pull
 * request, and what they include must stay inside the include root, however the path is written.
 * A file outside it is never read, so nothing of it can reach a diagnostic.
 */
class IncludeConfinementTest {

    /** What the audit read through an include: a syntax error quoted the file's first word. */
    private static final String SECRET = "root:x:0:0:root:/root:/bin/bash\n";

    @TempDir
    Path temp;

    private Path project;
    private Path outside;

    @BeforeEach
    void layout() throws IOException {
        project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve("src/main/policies/common"));
        Files.createDirectories(project.resolve("src/main/policy-parts"));
        Files.writeString(project.resolve("src/main/policies/common/read.policy"), "tool list_* { allow }\n");
        Files.writeString(project.resolve("src/main/policy-parts/limits.policy"), "counter exports = 10 per minute\n");
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("passwd"), SECRET);
        Files.writeString(outside.resolve("evil.policy"), "tool evil { allow }\n");
    }

    private static DslReadResult read(IncludeResolver includes, Path policy, String source) throws IOException {
        Files.writeString(policy, source);
        return new DslFrontEnd(includes).parse(policy.toString(), Files.readAllBytes(policy));
    }

    private Path mainPolicy() {
        return project.resolve("src/main/policies/main.policy");
    }

    private static String refusal(Path policy, String target, Path root) {
        return policy + ":1:1: error PC111: cannot include \"" + target + "\": it is outside the include root " + root;
    }

    private static void assertNothingLeaked(DslReadResult result) {
        assertThat(result.renderDiagnostics()).doesNotContain("root:x").doesNotContain("found");
        assertThat(result.sources()).hasSize(1);
    }

    @Test
    void byDefaultAPolicyIncludesFromItsOwnFolderAndBelow() throws IOException {
        Path main = mainPolicy();
        DslReadResult below = read(IncludeResolver.fileSystem(), main, "include \"common/read.policy\"\n");
        assertThat(Dsl.documentOf(below, "below").tree().get("tools").propertyNames()).containsExactly("list_*");

        DslReadResult beside = read(IncludeResolver.fileSystem(), main, "include \"../policy-parts/limits.policy\"\n");
        assertThat(Dsl.messages(beside)).containsExactly(
                refusal(main, "../policy-parts/limits.policy", main.getParent()));
    }

    @Test
    void aRootLetsPoliciesIncludePartsKeptBesideTheirFolder() throws IOException {
        DslReadResult result = read(IncludeResolver.fileSystem(project), mainPolicy(),
                "include \"../policy-parts/limits.policy\"\ntool a { limit exports }\n");
        assertThat(Dsl.documentOf(result, "beside").tree().get("counters").propertyNames()).containsExactly("exports");
    }

    @Test
    void aRelativePathOutOfTheRootIsRefusedWithoutReadingIt() throws IOException {
        Path main = mainPolicy();
        DslReadResult result = read(IncludeResolver.fileSystem(project), main, "include \"../../../../outside/passwd\"\n");
        assertThat(Dsl.messages(result)).containsExactly(refusal(main, "../../../../outside/passwd", project));
        assertNothingLeaked(result);
    }

    /** The audit's example: it is refused on its name, so not even its existence is looked up. */
    @Test
    void theAuditsPasswdIncludeIsRefusedOnItsName() throws IOException {
        String target = "../".repeat(temp.getNameCount() + 4) + "etc/passwd";
        Path main = mainPolicy();
        DslReadResult result = read(IncludeResolver.fileSystem(), main, "include \"" + target + "\"\n");
        assertThat(Dsl.messages(result)).containsExactly(refusal(main, target, main.getParent()));
        assertNothingLeaked(result);
    }

    @Test
    void anAbsolutePathOutOfTheRootIsRefused() throws IOException {
        Path main = mainPolicy();
        String target = outside.resolve("passwd").toString();
        DslReadResult result = read(IncludeResolver.fileSystem(project), main, "include \"" + target + "\"\n");
        assertThat(Dsl.messages(result)).containsExactly(refusal(main, target, project));
        assertNothingLeaked(result);
    }

    @Test
    void anAbsolutePathInsideTheRootIsRead() throws IOException {
        String target = project.resolve("src/main/policy-parts/limits.policy").toString();
        DslReadResult result = read(IncludeResolver.fileSystem(project), mainPolicy(), "include \"" + target + "\"\n");
        assertThat(Dsl.documentOf(result, "absolute").tree().get("counters").propertyNames()).containsExactly("exports");
    }

    @Test
    void aSymbolicLinkLeadingOutOfTheRootIsRefused() throws IOException {
        Path main = mainPolicy();
        symbolicLink(main.resolveSibling("linked.policy"), outside.resolve("evil.policy"));
        DslReadResult result = read(IncludeResolver.fileSystem(project), main, "include \"linked.policy\"\n");
        assertThat(Dsl.messages(result)).containsExactly(refusal(main, "linked.policy", project));
    }

    @Test
    void aSymbolicLinkStayingInsideTheRootIsFollowed() throws IOException {
        Path main = mainPolicy();
        symbolicLink(main.resolveSibling("linked.policy"), project.resolve("src/main/policy-parts/limits.policy"));
        DslReadResult result = read(IncludeResolver.fileSystem(project), main, "include \"linked.policy\"\n");
        assertThat(Dsl.documentOf(result, "linked").tree().get("counters").propertyNames()).containsExactly("exports");
    }

    @Test
    void theRootItselfMayBeReachedThroughASymbolicLink() throws IOException {
        Path linkedProject = temp.resolve("linked-project");
        symbolicLink(linkedProject, project);
        Path main = linkedProject.resolve("src/main/policies/main.policy");
        DslReadResult result = read(IncludeResolver.fileSystem(linkedProject), main,
                "include \"../policy-parts/limits.policy\"\n");
        assertThat(Dsl.documentOf(result, "linked root").tree().get("counters").propertyNames()).containsExactly("exports");
    }

    @Test
    void aPolicyOutsideTheRootIncludesOnlyFromItsOwnFolder() throws IOException {
        Path elsewhere = outside.resolve("main.policy");
        DslReadResult sibling = read(IncludeResolver.fileSystem(project), elsewhere, "include \"evil.policy\"\n");
        assertThat(Dsl.documentOf(sibling, "sibling").tree().get("tools").propertyNames()).containsExactly("evil");

        String intoTheRoot = "../project/src/main/policy-parts/limits.policy";
        DslReadResult result = read(IncludeResolver.fileSystem(project), elsewhere, "include \"" + intoTheRoot + "\"\n");
        assertThat(Dsl.messages(result)).containsExactly(refusal(elsewhere, intoTheRoot, outside));
    }

    @Test
    void confinementHoldsThroughNestedIncludes() throws IOException {
        Files.writeString(project.resolve("src/main/policies/common/escape.policy"), "include \"../../../../outside/evil.policy\"\n");
        Path main = mainPolicy();
        DslReadResult result = read(IncludeResolver.fileSystem(), main, "include \"common/escape.policy\"\n");
        Path escape = project.resolve("src/main/policies/common/escape.policy");
        assertThat(Dsl.messages(result)).containsExactly(
                refusal(escape, "../../../../outside/evil.policy", main.getParent()));
    }

    static void symbolicLink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException | UnsupportedOperationException unsupported) {
            assumeTrue(false, "symbolic links are not supported here: " + unsupported);
        }
    }
}
