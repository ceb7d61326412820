package dev.portcullis.compiler.frontend;

public interface PolicyFrontEnd {
    FrontEndResult read(String displayName, byte[] content);
}
