package dev.portcullis.cli;

import picocli.CommandLine;

/** {@code portcullis --version}: the version Maven wrote into the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = PortcullisCli.class.getPackage().getImplementationVersion();
        return new String[] {"portcullis " + (version == null ? "(development build)" : version),
            "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"};
    }
}
