package nl.waterline.start;

import java.nio.file.Path;
import java.util.List;

/**
 * The JVM flags and jar of the README's start command, for the harnesses that start the packaged jar (kill -9
 * trials, browser restart, load and start-up benchmarks), so that they measure what a facilitator runs.
 * {@link ReadmeStartCommandTest} keeps the README and this list the same.
 */
public final class StartCommand {

    private StartCommand() {
    }

    /**
     * C1 only: Waterline's load comes in a burst right after it starts (everyone joins and picks within a minute),
     * when C2 would spend a third of the CPU compiling; measured in docs/benchmarks.md ("Fifth round").
     */
    public static final String COMPILER = "-XX:TieredStopAtLevel=1";

    /** The JVM flags: the compiler choice and the class-data-sharing archive that {@code package} writes next to the jar. */
    public static List<String> jvmFlags(Path jar) {
        return List.of(COMPILER, "-XX:SharedArchiveFile=" + jar.resolveSibling("waterline.jsa"));
    }

    /**
     * Everything after {@code java} and the caller's own system properties: {@link #jvmFlags}, then {@code extraFlags}
     * (which win over the README's, e.g. a benchmark trying another compiler setting), then the jar.
     */
    public static List<String> jarArguments(Path jar, List<String> extraFlags) {
        List<String> arguments = new java.util.ArrayList<>(jvmFlags(jar));
        arguments.addAll(extraFlags);
        arguments.addAll(List.of("-jar", jar.toString()));
        return arguments;
    }

    public static List<String> jarArguments(Path jar) {
        return jarArguments(jar, List.of());
    }
}
