package dev.portcullis.testkit.transcript;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Finds transcripts under a directory, in a stable order (by relative path), so runs and reports are
 * reproducible.
 *
 * <pre>{@code
 * List<TranscriptSource> transcripts = TranscriptFinder.in(Path.of("src/test/transcripts"))
 *         .include("**\/*.jsonl").exclude("drafts/**").named("runaway*").find();
 * }</pre>
 *
 * <p>Patterns are globs over the path relative to the directory, with {@code /} separators; a
 * leading {@code **}{@code /} also matches files at the top level. {@link #named} matches the file
 * name alone (a test filter, as {@code -Dtest=} in Surefire).
 */
public final class TranscriptFinder {

    private final Path root;
    private final List<String> includes = new ArrayList<>();
    private final List<String> excludes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private TranscriptFinder(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** Transcripts under {@code root}; without {@link #include}, every {@code **}{@code /*.jsonl}. */
    public static TranscriptFinder in(Path root) {
        return new TranscriptFinder(root);
    }

    /**
     * The transcripts named on a command line: a file stands for itself, a directory for every
     * {@code .jsonl} file under it (named relative to that directory).
     */
    public static List<TranscriptSource> fromPaths(List<Path> filesOrDirectories) throws IOException {
        List<TranscriptSource> sources = new ArrayList<>();
        for (Path path : filesOrDirectories) {
            if (Files.isDirectory(path)) {
                sources.addAll(in(path).find());
            } else if (Files.isRegularFile(path)) {
                sources.add(TranscriptSource.ofFile(path));
            } else {
                throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such transcript file or directory");
            }
        }
        return sources;
    }

    public TranscriptFinder include(String... globs) {
        includes.addAll(List.of(globs));
        return this;
    }

    public TranscriptFinder include(List<String> globs) {
        includes.addAll(globs);
        return this;
    }

    public TranscriptFinder exclude(String... globs) {
        excludes.addAll(List.of(globs));
        return this;
    }

    public TranscriptFinder exclude(List<String> globs) {
        excludes.addAll(globs);
        return this;
    }

    /** Keeps files whose name (or name without {@code .jsonl}) matches one of these globs. */
    public TranscriptFinder named(String... globs) {
        names.addAll(List.of(globs));
        return this;
    }

    /** The matching transcripts, sorted by relative path; none when the directory does not exist. */
    public List<TranscriptSource> find() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        FileSystem fileSystem = root.getFileSystem();
        List<PathMatcher> included = matchers(fileSystem, includes.isEmpty() ? List.of("**/*.jsonl") : includes);
        List<PathMatcher> excluded = matchers(fileSystem, excludes);
        List<PathMatcher> named = matchers(fileSystem, names);
        List<TranscriptSource> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                TranscriptSource source = TranscriptSource.ofFile(root, file);
                Path relative = fileSystem.getPath(source.name());
                Path fileName = relative.getFileName();
                boolean wanted = anyMatches(included, relative) && !anyMatches(excluded, relative)
                        && (named.isEmpty() || anyMatches(named, fileName)
                            || anyMatches(named, fileSystem.getPath(source.baseName())));
                if (wanted) {
                    found.add(source);
                }
            });
        }
        found.sort(Comparator.comparing(TranscriptSource::name));
        return found;
    }

    private static List<PathMatcher> matchers(FileSystem fileSystem, List<String> globs) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : globs) {
            matchers.add(fileSystem.getPathMatcher("glob:" + glob));
            if (glob.startsWith("**/")) {
                matchers.add(fileSystem.getPathMatcher("glob:" + glob.substring(3)));
            }
        }
        return matchers;
    }

    private static boolean anyMatches(List<PathMatcher> matchers, Path path) {
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
