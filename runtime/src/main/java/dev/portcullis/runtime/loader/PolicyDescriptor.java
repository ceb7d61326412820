package dev.portcullis.runtime.loader;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.Scope;
import dev.portcullis.runtime.eval.PolicyTables;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The descriptor of a precompiled policy ({@code policy.bin} beside its class files): which class to
 * load, the SHA-256 of each class file, and the policy's {@link PolicyTables}. A plain binary format
 * written with {@link DataOutputStream}, so reading it needs the JDK only. Strings are stored as
 * UTF-16 code units, so any text (lone surrogates, NUL, megabytes) round-trips exactly.
 *
 * @param className  the binary name of the policy class
 * @param classFiles SHA-256 (32 bytes) of each class file, by binary name
 */
public record PolicyDescriptor(String className, Map<String, byte[]> classFiles, PolicyTables tables) {

    /** The file name of the descriptor in a policy's folder. */
    public static final String FILE_NAME = "policy.bin";
    private static final int MAGIC = 0x50435043; // "PCPC"
    /**
     * Raised whenever the contract between generated classes and {@code GeneratedPolicy} changes, so
     * that a gateway refuses classes written for another contract at load time, with a clear message,
     * instead of failing on a call. 2: generated classes implement {@code decide} themselves.
     */
    private static final int FORMAT_VERSION = 2;
    /** Guards against a corrupt length asking for gigabytes. */
    private static final int MAX_COUNT = 50_000_000;

    private static final int LITERAL_STRING = 1;
    private static final int LITERAL_NUMBER = 2;
    private static final int LITERAL_BOOLEAN = 3;
    private static final int LITERAL_LIST = 4;

    public PolicyDescriptor {
        Objects.requireNonNull(className, "className");
        classFiles = Map.copyOf(classFiles);
        Objects.requireNonNull(tables, "tables");
        if (!classFiles.containsKey(className)) {
            throw new IllegalArgumentException("the class files do not include the policy class " + className);
        }
    }

    /** The SHA-256 of a class file, as {@code classFiles} holds it. */
    public static byte[] sha256(byte[] classFile) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(classFile);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The name of the class file for a binary class name, in the policy's folder. */
    public static String classFileName(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('.') + 1) + ".class";
    }

    public void writeTo(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        writeString(out, className);
        out.writeInt(classFiles.size());
        for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(classFiles).entrySet()) {
            writeString(out, file.getKey());
            out.writeInt(file.getValue().length);
            out.write(file.getValue());
        }
        writeTables(out, tables);
        out.flush();
    }

    /**
     * Reads a descriptor.
     *
     * @throws PolicyLoadException when the stream is not a descriptor of this format or is truncated
     */
    public static PolicyDescriptor readFrom(InputStream stream, String origin) {
        DataInputStream in = new DataInputStream(stream);
        try {
            if (in.readInt() != MAGIC) {
                throw new PolicyLoadException(origin + " is not a Portcullis policy descriptor");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new PolicyLoadException(origin + " has descriptor format " + version + "; this runtime reads format "
                        + FORMAT_VERSION + " (recompile the policy with a matching Portcullis version)");
            }
            String className = readString(in);
            Map<String, byte[]> classFiles = new LinkedHashMap<>();
            int files = count(in);
            for (int i = 0; i < files; i++) {
                String name = readString(in);
                byte[] digest = new byte[count(in)];
                in.readFully(digest);
                classFiles.put(name, digest);
            }
            return new PolicyDescriptor(className, classFiles, readTables(in));
        } catch (EOFException e) {
            throw new PolicyLoadException(origin + " is truncated", e);
        } catch (IOException e) {
            throw new PolicyLoadException("cannot read " + origin + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new PolicyLoadException(origin + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static void writeTables(DataOutputStream out, PolicyTables t) throws IOException {
        writeString(out, t.name());
        out.writeBoolean(t.defaultDeny());
        out.writeBoolean(t.hideAll());
        writeStrings(out, t.hiddenTools());
        writeStrings(out, t.exactTools());
        writeStrings(out, t.globs());
        out.writeInt(t.entries().size());
        for (PolicyTables.Entry entry : t.entries()) {
            writeNullableString(out, entry.ruleId());
            writeNullableString(out, entry.reason());
            out.writeInt(entry.limits().size());
            for (int limit : entry.limits()) {
                out.writeInt(limit);
            }
        }
        out.writeInt(t.counters().size());
        for (PolicyTables.Counter counter : t.counters()) {
            writeString(out, counter.name());
            out.writeInt(counter.algorithm().ordinal());
            out.writeLong(counter.max());
            out.writeLong(counter.windowMillis());
            out.writeInt(counter.scope().ordinal());
            writeStrings(out, counter.per());
            writeString(out, counter.budgetText());
        }
        out.writeInt(t.limits().size());
        for (PolicyTables.Limit limit : t.limits()) {
            out.writeInt(limit.counter());
            out.writeLong(limit.increment());
            writeStrings(out, limit.incrementFrom());
            writeString(out, limit.incrementFromText());
            writeNullableString(out, limit.onDeny());
        }
        out.writeInt(t.decisions().size());
        for (Decision decision : t.decisions()) {
            out.writeInt(decision.effect().ordinal());
            writeString(out, decision.ruleId());
            writeString(out, decision.reason());
        }
        out.writeInt(t.literals().size());
        for (Object literal : t.literals()) {
            writeLiteral(out, literal);
        }
        writeStrings(out, t.regexes());
        out.writeInt(t.paths().size());
        for (List<String> path : t.paths()) {
            writeStrings(out, path);
        }
    }

    private static PolicyTables readTables(DataInputStream in) throws IOException {
        String name = readString(in);
        boolean defaultDeny = in.readBoolean();
        boolean hideAll = in.readBoolean();
        List<String> hidden = readStrings(in);
        List<String> exact = readStrings(in);
        List<String> globs = readStrings(in);
        List<PolicyTables.Entry> entries = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            String ruleId = readNullableString(in);
            String reason = readNullableString(in);
            List<Integer> limits = new ArrayList<>();
            for (int j = count(in); j > 0; j--) {
                limits.add(in.readInt());
            }
            entries.add(new PolicyTables.Entry(ruleId, reason, limits));
        }
        List<PolicyTables.Counter> counters = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            counters.add(new PolicyTables.Counter(readString(in), Algorithm.values()[in.readInt()], in.readLong(),
                    in.readLong(), Scope.values()[in.readInt()], readStrings(in), readString(in)));
        }
        List<PolicyTables.Limit> limits = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            limits.add(new PolicyTables.Limit(in.readInt(), in.readLong(), readStrings(in), readString(in),
                    readNullableString(in)));
        }
        List<Decision> decisions = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            decisions.add(new Decision(Effect.values()[in.readInt()], readString(in), readString(in), null));
        }
        List<Object> literals = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            literals.add(readLiteral(in, 0));
        }
        List<String> regexes = readStrings(in);
        List<List<String>> paths = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            paths.add(readStrings(in));
        }
        if (in.read() != -1) {
            throw new IllegalArgumentException("unexpected data after the tables");
        }
        return new PolicyTables(name, defaultDeny, hideAll, hidden, exact, globs, entries, counters, limits, decisions,
                literals, regexes, paths);
    }

    private static void writeLiteral(DataOutputStream out, Object literal) throws IOException {
        if (literal instanceof String s) {
            out.writeByte(LITERAL_STRING);
            writeString(out, s);
        } else if (literal instanceof BigDecimal number) {
            out.writeByte(LITERAL_NUMBER);
            byte[] unscaled = number.unscaledValue().toByteArray();
            out.writeInt(number.scale());
            out.writeInt(unscaled.length);
            out.write(unscaled);
        } else if (literal instanceof Boolean b) {
            out.writeByte(LITERAL_BOOLEAN);
            out.writeBoolean(b);
        } else {
            List<?> list = (List<?>) literal;
            out.writeByte(LITERAL_LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                writeLiteral(out, element);
            }
        }
    }

    private static Object readLiteral(DataInputStream in, int depth) throws IOException {
        if (depth > 1_000) {
            throw new IllegalArgumentException("literal lists nested too deeply");
        }
        int tag = in.readByte();
        switch (tag) {
            case LITERAL_STRING:
                return readString(in);
            case LITERAL_NUMBER: {
                int scale = in.readInt();
                byte[] unscaled = new byte[count(in)];
                in.readFully(unscaled);
                return new BigDecimal(new BigInteger(unscaled), scale);
            }
            case LITERAL_BOOLEAN:
                return in.readBoolean();
            case LITERAL_LIST: {
                List<Object> list = new ArrayList<>();
                for (int i = count(in); i > 0; i--) {
                    list.add(readLiteral(in, depth + 1));
                }
                return List.copyOf(list);
            }
            default:
                throw new IllegalArgumentException("unknown literal tag " + tag);
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeString(out, s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int size = count(in);
        List<String> strings = new ArrayList<>(Math.min(size, 1024));
        for (int i = 0; i < size; i++) {
            strings.add(readString(in));
        }
        return strings;
    }

    private static void writeNullableString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeString(out, s);
        }
    }

    private static String readNullableString(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeInt(s.length());
        out.writeChars(s);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = count(in);
        StringBuilder text = new StringBuilder(Math.min(length, 1 << 16));
        for (int i = 0; i < length; i++) {
            text.append(in.readChar());
        }
        return text.toString();
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("implausible length " + count);
        }
        return count;
    }
}
