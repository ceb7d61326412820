package dev.portcullis.compiler.codegen;

import dev.portcullis.runtime.eval.GeneratedPolicy;
import java.io.StringReader;
import java.util.Map;
import org.codehaus.janino.SimpleCompiler;

/** Compiles generated source with Janino, against the runtime the generated class extends. */
final class JaninoClassCompiler implements ClassCompiler {

    @Override
    public Map<String, byte[]> compile(GeneratedSource source) throws Exception {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(GeneratedPolicy.class.getClassLoader());
        // line numbers make a stack trace from generated code point into the logged source
        compiler.setDebuggingInformation(true, true, false);
        String simpleName = source.className().substring(source.className().lastIndexOf('.') + 1);
        compiler.cook(simpleName + ".java", new StringReader(source.source()));
        return compiler.getBytecodes();
    }
}
