package org.marginlab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A head is one class: outside the head classes and the {@link HeadKind} registry no main code switches on a
 * head, compares a head with a named one, or switches on a parameter's name. Code may still pick a head as a
 * value (a preset trains ArcFace, the window starts on one); what it does with it comes from the head's class.
 */
class HeadsLiveInOneClassTest {

    static final Path MAIN = Path.of("src/main/java/org/marginlab");

    @Test
    void noSwitchOnAHeadOrItsParameterNamesOutsideTheHeads() throws IOException {
        String heads = Arrays.stream(HeadKind.values()).map(Enum::name).collect(Collectors.joining("|"));
        String params = Arrays.stream(HeadKind.values()).flatMap(h -> h.type().params().stream())
                .map(HeadParam::name).distinct().collect(Collectors.joining("|"));
        List<Pattern> forbidden = List.of(
                Pattern.compile("case\\s+(" + heads + ")\\b"),                       // switch (kind) { case ARCFACE
                Pattern.compile("[=!]=\\s*HeadKind\\.(" + heads + ")\\b"),             // kind == HeadKind.CENTER
                Pattern.compile("HeadKind\\.(" + heads + ")\\s*[=!]="),
                Pattern.compile("case\\s+\"(" + params + ")\""));                       // switch (name) { case "m"
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (allowed(f)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    for (Pattern p : forbidden) {
                        Matcher m = p.matcher(lines.get(i));
                        if (m.find()) {
                            found.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /**
     * The heads' own classes, the registry, the record of parameter values, the ψ grammar's variables, and
     * the presets: a preset reproduces a paper's per-head settings (its learning rates, which heads it sweeps),
     * which are data of that paper, not behaviour of the head.
     */
    static boolean allowed(Path f) {
        String name = f.getFileName().toString();
        if (f.getParent().equals(MAIN.resolve("reproduce")) || name.equals("PsiExpression.java")) {
            return true;
        }
        boolean inLoss = f.getParent().equals(MAIN.resolve("loss"));
        return inLoss && (name.endsWith("Head.java") || name.equals("HeadKind.java") || name.equals("HeadParams.java")
                || name.equals("CommonParams.java") || name.equals("HeadType.java"));
    }

    @Test
    void theRuleCatchesWhatItForbids() {
        Pattern p = Pattern.compile("[=!]=\\s*HeadKind\\.(CENTER)\\b");
        assertTrue(p.matcher("boolean c = kind == HeadKind.CENTER;").find());
    }

    @Test
    void everyHeadIsRegisteredOnceAndPermittedBySealing() {
        List<Class<?>> permitted = List.of(HeadType.class.getPermittedSubclasses());
        List<Class<?>> registered = Arrays.stream(HeadKind.values()).<Class<?>>map(h -> h.type().getClass()).toList();
        assertEquals(permitted.size(), registered.size());
        assertTrue(registered.containsAll(permitted));
        assertEquals(HeadKind.values().length, Arrays.stream(HeadKind.values()).map(HeadKind::id).distinct().count());
    }
}
