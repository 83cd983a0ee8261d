package nl.waterline.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ClassDataSharingTrainingTest {

    static volatile boolean probeInitialised;

    /** Its static initialiser tells whether linking ran code, which it must not do in a server that is shutting down. */
    static class Probe {
        static {
            probeInitialised = true;
        }
    }

    @Test
    void linksTheClassesLoadedFromJarsWithoutInitialisingThemAndSkipsTheRest(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("loaded.log");
        Files.writeString(log, String.join("\n",
                "[0.351s][info][class,load] java.lang.Object source: shared objects file",
                "[0.402s][info][class,load] java.util.ArrayList source: jrt:/java.base",
                "[1.020s][info][class,load] " + Probe.class.getName() + " source: file:/srv/waterline/lib/main/waterline.jar",
                "[1.021s][info][class,load] nl.waterline.NoSuchClass source: file:/srv/waterline/lib/main/waterline.jar",
                "[1.022s][info][class,load] java.lang.invoke.LambdaForm$MH/0x0000000800c01000 source: __JVM_LookupDefineClass__",
                "not a class-load line"));

        int linked = ClassDataSharingTraining.linkAll(log, getClass().getClassLoader());

        assertEquals(1, linked, "only the class from a jar that exists");
        assertFalse(probeInitialised, "linking must not run static initialisers");
    }

    @Test
    void aMissingLogLinksNothing(@TempDir Path dir) {
        assertEquals(0, ClassDataSharingTraining.linkAll(dir.resolve("absent.log"), getClass().getClassLoader()));
    }
}
