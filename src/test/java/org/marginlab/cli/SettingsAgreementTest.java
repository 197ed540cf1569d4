package org.marginlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.marginlab.Range;
import org.marginlab.UserException;
import org.marginlab.config.ConfigCheck;
import org.marginlab.config.ConfigException;
import org.marginlab.config.ConfigField;
import org.marginlab.config.ConfigJson;
import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;
import org.marginlab.ui.viewmodel.SettingsViewModel;
import picocli.CommandLine;

/**
 * Every numeric setting, for every head that reads it, just inside and just outside each end of its
 * range: {@code train}, config.json, the window's form and (for s, m, λ) {@code loss} must all accept
 * the inside value and reject the outside one with the same reason.
 */
class SettingsAgreementTest {

    /** One value to try: the field, the head, the value and whether it must be accepted. */
    private record Edge(ConfigField field, HeadKind head, double value, boolean valid) {
        Object typed() {
            return switch (field.kind()) {
                case INT -> (int) value;
                case LONG -> (long) value;
                default -> value;
            };
        }

        String text() {
            return field.text(typed());
        }
    }

    private static List<Edge> edges() {
        List<Edge> out = new ArrayList<>();
        for (ConfigField f : ConfigField.values()) {
            for (HeadKind h : f.heads()) {
                Range r = f.range(h);
                if (r == null) {
                    continue;
                }
                double below = r.integer() ? r.lo() - 1 : Math.nextDown(r.lo());
                if (f == ConfigField.MARGIN_WARMUP) {
                    below = TrainConfig.AUTO_WARMUP - 1; // −1 is auto, tried below
                }
                double above = r.integer() ? r.lo() + 1 : Math.nextUp(r.lo());
                out.add(new Edge(f, h, r.loOpen() ? r.lo() : below, false));
                out.add(new Edge(f, h, r.loOpen() ? above : r.lo(), true));
                if (r.bounded()) {
                    double hiIn = r.hiOpen() ? Math.nextDown(r.hi()) : r.hi();
                    double hiOut = r.hiOpen() ? r.hi() : r.integer() ? r.hi() + 1 : Math.nextUp(r.hi());
                    out.add(new Edge(f, h, hiIn, true));
                    out.add(new Edge(f, h, hiOut, false));
                }
                if (r.integer() && f.kind() == ConfigField.Kind.REAL) {
                    out.add(new Edge(f, h, r.lo() + 0.5, false));
                }
            }
        }
        // The warm-up's "auto" is a value below the range that every path takes.
        for (HeadKind h : ConfigField.MARGIN_WARMUP.heads()) {
            out.add(new Edge(ConfigField.MARGIN_WARMUP, h, TrainConfig.AUTO_WARMUP, true));
        }
        return out;
    }

    @Test
    void cliConfigJsonWindowAndLossAgreeOnEveryEdge() {
        List<Edge> edges = edges();
        assertTrue(edges.size() > 80, "edges: " + edges.size());
        for (Edge e : edges) {
            String what = e.field().key() + "=" + e.text() + " for " + e.head().id();
            TrainConfig c = TrainConfig.defaults(e.head()).with(e.field(), e.typed());
            String reason = null;
            try {
                ConfigCheck.validate(c);
            } catch (ConfigException ex) {
                assertEquals(e.field(), ex.configField(), what);
                reason = ex.reason();
            }
            assertEquals(e.valid(), reason == null, what + ": " + reason);

            assertEquals(reason, windowReason(e), "window, " + what);
            assertEquals(reason, cliReason(e), "train, " + what);
            assertEquals(reason, jsonReason(e), "config.json, " + what);
            if (e.field().isHeadParam()) {
                assertEquals(reason, lossReason(e), "loss, " + what);
            }
        }
    }

    /** The window's message under the field, after choosing the head and typing the value. */
    private static String windowReason(Edge e) {
        SettingsViewModel vm = new SettingsViewModel();
        vm.selectHead(e.head());
        if (e.field().section() == ConfigField.Section.NONE) {
            // Not in the form: the window takes it from an opened config.json, so the file must load valid.
            vm.load(TrainConfig.defaults(e.head()).with(e.field(), e.typed()));
            String first = vm.firstErrorProperty().get();
            assertEquals(vm.validProperty().get(), first.isEmpty());
            String prefix = e.field().label() + ": ";
            assertTrue(first.isEmpty() || first.startsWith(prefix), first);
            return first.isEmpty() ? null : first.substring(prefix.length());
        }
        vm.textProperty(e.field()).set(e.text());
        return vm.errorProperty(e.field()).get();
    }

    /** {@code train --head H --flag VALUE}: the flag's reason, from the same one line the CLI prints. */
    private static String cliReason(Edge e) {
        String[] args = {"train", "--head", e.head().id(), e.field().flag() + "=" + e.text()};
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
        try {
            ConfigCheck.validate(cmd.buildConfig());
        } catch (ConfigException ex) {
            StringWriter err = new StringWriter();
            assertEquals(2, Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
            String prefix = "marginlab: " + e.field().flag() + " ";
            String suffix = " (got " + e.text() + ")";
            String line = err.toString().strip();
            assertTrue(line.startsWith(prefix) && line.endsWith(suffix), line);
            return line.substring(prefix.length(), line.length() - suffix.length());
        }
        return null;
    }

    private static String jsonReason(Edge e) {
        // config.json holds numbers: auto is −1 there.
        String literal = e.field() == ConfigField.MARGIN_WARMUP ? e.typed().toString() : e.text();
        String json = "{\"head\": \"" + e.head().id() + "\", \"" + e.field().key() + "\": " + literal + "}";
        try {
            TrainConfig c = ConfigJson.parse(json, "x.json");
            assertEquals(e.typed(), e.field().get(c));
            return null;
        } catch (UserException ex) {
            String prefix = "x.json: field '" + e.field().key() + "' ";
            String suffix = " (got " + e.text() + ")";
            String m = ex.getMessage();
            assertTrue(m.startsWith(prefix) && m.endsWith(suffix), m);
            return m.substring(prefix.length(), m.length() - suffix.length());
        }
    }

    /** {@code marginlab loss} on one embedding, with the head's other params at their defaults. */
    private static String lossReason(Edge e) {
        TrainConfig d = TrainConfig.defaults(e.head());
        StringBuilder params = new StringBuilder();
        for (String name : org.marginlab.loss.HeadParams.usedBy(e.head())) {
            ConfigField f = ConfigField.byKey(name);
            String text = f == e.field() ? e.text() : f.text(f.get(d));
            params.append(params.isEmpty() ? "" : ", ").append('"').append(name).append("\": ")
                    .append(f.kind() == ConfigField.Kind.TEXT ? '"' + text + '"' : text);
        }
        // two classes, with k sub-centers each where the head keeps them (rows j·k + i)
        int k = e.field() == ConfigField.SUBCENTERS && e.valid() ? (int) e.typed() : e.head().type().subCenters(d.headParams());
        String weights = String.join(", ", java.util.Collections.nCopies(k, "[1, 0]")) + ", "
                + String.join(", ", java.util.Collections.nCopies(k, "[0, 1]"));
        String json = "{\"head\": \"" + e.head().id() + "\", \"params\": {" + params
                + "}, \"embeddings\": [[1, 0]], \"weights\": [" + weights + "], \"labels\": [0]"
                + (e.head().type().hasCenters() ? ", \"centers\": [[0, 0], [0, 0]]" : "") + "}";
        try {
            LossInput.parse(json, "in.json");
            return null;
        } catch (UserException ex) {
            String m = ex.getMessage();
            String prefix = "in.json: field 'params." + e.field().key() + "' ";
            assertTrue(m.startsWith(prefix) && m.contains(", got "), m);
            String rest = m.substring(prefix.length());
            return rest.substring(0, rest.indexOf(", got "));
        }
    }

    @Test
    void aWrongKindOfValueIsRejectedEverywhereWithTheSameWords() {
        ConfigException cli = assertThrows(ConfigException.class,
                () -> ConfigField.DEVICE.parse("tpu", HeadKind.SOFTMAX));
        SettingsViewModel vm = new SettingsViewModel();
        vm.textProperty(ConfigField.DEVICE).set("tpu");
        assertEquals(cli.reason(), vm.errorProperty(ConfigField.DEVICE).get());
        assertEquals("x.json: field 'device' " + cli.reason() + " (got \"tpu\")",
                assertThrows(UserException.class, () -> ConfigJson.parse("{\"device\": \"tpu\"}", "x.json")).getMessage());
        vm.textProperty(ConfigField.DEVICE).set("gpu:2");
        assertNull(vm.errorProperty(ConfigField.DEVICE).get());
    }
}
