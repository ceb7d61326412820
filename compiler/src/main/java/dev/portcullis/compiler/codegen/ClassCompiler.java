package dev.portcullis.compiler.codegen;

import java.util.Map;

/** Turns generated source into class files; Janino in production, a stand-in in tests of failure. */
interface ClassCompiler {

    /** Class bytes by binary name; any exception means the source did not compile. */
    Map<String, byte[]> compile(GeneratedSource source) throws Exception;
}
