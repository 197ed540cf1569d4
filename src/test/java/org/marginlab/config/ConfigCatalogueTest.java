package org.marginlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * The catalogue ({@link ConfigField}) and the record ({@link TrainConfig}) describe the same fields: each
 * record component has exactly one entry of its name and type, each entry a component, each default is
 * stated once (in the entry) and the record is never built by position.
 */
class ConfigCatalogueTest {

    private static Class<?> boxed(Class<?> t) {
        return MethodType.methodType(t).wrap().returnType();
    }

    private static String camel(String key) {
        String[] w = key.split("_");
        StringBuilder s = new StringBuilder(w[0]);
        for (int i = 1; i < w.length; i++) {
            s.append(Character.toUpperCase(w[i].charAt(0))).append(w[i].substring(1));
        }
        return s.toString();
    }

    @Test
    void everyRecordComponentHasOneEntryOfItsNameAndType() {
        List<String> problems = new ArrayList<>();
        for (RecordComponent rc : TrainConfig.class.getRecordComponents()) {
            if (rc.getName().equals("headParams")) {
                continue;
            }
            List<ConfigField> entries = Arrays.stream(ConfigField.values())
                    .filter(f -> f.component().equals(rc.getName())).toList();
            if (entries.size() != 1) {
                problems.add(rc.getName() + ": entries " + entries);
            } else if (entries.get(0).componentType() != boxed(rc.getType())) {
                problems.add(rc.getName() + ": record " + rc.getType().getSimpleName() + ", catalogue "
                        + entries.get(0).componentType().getSimpleName());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyEntryNamesAComponentAndHeadParamsMatchTheirRecord() {
        List<String> names = TrainConfig.componentNames();
        for (ConfigField f : ConfigField.values()) {
            assertTrue(names.contains(f.component()), f + " names no record component: " + f.component());
        }
        // the head params: one entry per HeadParams component, same name (key in camel case) and type
        Set<String> headEntries = Arrays.stream(ConfigField.values()).filter(ConfigField::isHeadParam)
                .map(f -> f.key().equals("k") ? "k" : camel(f.key())).collect(Collectors.toSet());
        Set<String> headComponents = Arrays.stream(HeadParams.class.getRecordComponents())
                .map(RecordComponent::getName).collect(Collectors.toSet());
        assertEquals(headComponents, headEntries);
        for (RecordComponent rc : HeadParams.class.getRecordComponents()) {
            ConfigField f = Arrays.stream(ConfigField.values())
                    .filter(e -> e.isHeadParam() && camel(e.key()).equals(rc.getName())).findFirst().orElseThrow();
            assertEquals(boxed(rc.getType()), f.valueType(), rc.getName());
        }
        // the mapping is what the builder uses
        assertEquals(ConfigField.LR, ConfigField.ofComponent("learningRate"));
        assertEquals(ConfigField.DATA, ConfigField.ofComponent("dataDir"));
        assertEquals(ConfigField.BATCH, ConfigField.ofComponent("batchSize"));
    }

    @Test
    void defaultsAreTheCatalogueEntries() {
        for (HeadKind h : HeadKind.values()) {
            TrainConfig d = TrainConfig.defaults(h);
            for (ConfigField f : ConfigField.values()) {
                if (!f.isHeadParam()) { // a head param's default is its head's (compared as a whole below)
                    assertEquals(f.defaultValue(h), f.get(d), h + " " + f);
                }
            }
            assertEquals(HeadParams.defaults(h), d.headParams(), h.id());
        }
        // a few values as the papers and docs/training.md state them
        TrainConfig d = TrainConfig.defaults(HeadKind.ARCFACE);
        assertEquals(5e-3, d.learningRate());
        assertEquals(128, d.batchSize());
        assertEquals(TrainConfig.AUTO_WARMUP, d.marginWarmup());
        assertEquals(42L, d.seed());
    }

    @Test
    void theRecordIsBuiltByNameInOnePlaceAndTheBuilderHoldsNoDefaultsOfItsOwn() throws IOException {
        // no positional construction anywhere in the main code
        List<String> positional;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            positional = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("new TrainConfig(");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
        assertEquals(List.of(), positional);
        String source = Files.readString(Path.of("src/main/java/org/marginlab/config/TrainConfig.java"));
        assertEquals(1, source.split("CANONICAL\\.newInstance\\(", -1).length - 1);
        // the builder keeps values under their entries, no field of its own that could carry a second default
        Set<String> state = Arrays.stream(TrainConfig.Builder.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName).collect(Collectors.toSet());
        assertEquals(Set.of("values", "headParams"), state);
    }

    @Test
    void changingOneFieldByNameChangesThatComponentOnly() {
        TrainConfig d = TrainConfig.defaults(HeadKind.COSFACE);
        for (ConfigField f : ConfigField.values()) {
            Object v = switch (f.kind()) {
                case INT -> (Integer) f.defaultValue(HeadKind.COSFACE) + 7;
                case LONG -> (Long) f.defaultValue(HeadKind.COSFACE) + 7;
                case REAL -> f.isHeadParam() ? null : (Double) f.defaultValue(HeadKind.COSFACE) + 0.25;
                default -> null;
            };
            if (v == null) {
                continue;
            }
            TrainConfig c = d.with(f, v);
            assertEquals(v, f.get(c), f.key());
            for (ConfigField other : ConfigField.values()) {
                if (other != f) {
                    assertEquals(other.get(d), other.get(c), f.key() + " changed " + other.key());
                }
            }
            assertNotNull(c.toBuilder().build());
            assertEquals(c, c.toBuilder().build());
        }
    }
}
