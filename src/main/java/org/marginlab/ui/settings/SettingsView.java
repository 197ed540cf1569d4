package org.marginlab.ui.settings;

import org.marginlab.ui.viewmodel.SettingsViewModel;
import java.util.LinkedHashMap;
import java.util.Map;

import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

import org.marginlab.config.ConfigField;
import org.marginlab.loss.HeadKind;

/**
 * The settings panel: one labelled editor per form field of the {@link ConfigField} catalogue, its
 * one-line explanation under it, and
 * its validation message in red when the text is invalid. Head parameters show only for heads that
 * read them; the explanation follows the head (SphereFace's m is an integer, ArcFace's an angle).
 */
public final class SettingsView extends ScrollPane {
    private final SettingsViewModel model;
    private final Map<ConfigField, Control> editors = new LinkedHashMap<>();

    public SettingsView(SettingsViewModel model) {
        this.model = model;
        VBox box = new VBox(2);
        box.setPadding(new Insets(8));
        box.getStyleClass().add("settings");
        ConfigField.Section section = null;
        for (ConfigField s : SettingsViewModel.FIELDS) {
            if (s.section() != section) {
                section = s.section();
                Label h = new Label(section.title());
                h.getStyleClass().add("settings-section");
                box.getChildren().add(h);
            }
            box.getChildren().add(field(s));
        }
        setContent(box);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setPrefWidth(320);
        setMinWidth(260);
        getStyleClass().add("settings-pane");
    }

    /** The editor of a field, for tests and keyboard focus. */
    public Control editor(ConfigField s) {
        return editors.get(s);
    }

    private Node field(ConfigField s) {
        Label label = new Label(s.label());
        label.getStyleClass().add("settings-label");
        Control editor = editor0(s);
        editors.put(s, editor);
        label.setLabelFor(editor);
        Label help = new Label();
        help.getStyleClass().add("settings-help");
        help.setWrapText(true);
        help.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> explanation(s, model.headProperty().get()), model.headProperty()));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(help.textProperty());
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        editor.setTooltip(tip);
        Label error = new Label();
        error.getStyleClass().add("settings-error");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty(s));
        error.visibleProperty().bind(model.errorProperty(s).isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        model.errorProperty(s).addListener((obs, was, now) -> markInvalid(editor, now != null));
        markInvalid(editor, model.errorProperty(s).get() != null);
        VBox row = new VBox(1, label, editor, error, help);
        row.getStyleClass().add("settings-field");
        row.setPadding(new Insets(3, 0, 3, 0));
        BooleanBinding applies = model.appliesBinding(s);
        row.visibleProperty().bind(applies);
        row.managedProperty().bind(applies);
        return row;
    }

    private Control editor0(ConfigField s) {
        return switch (s.kind()) {
            case PATH, INT, LONG, REAL, CLASSES, TEXT -> {
                TextField f = new TextField();
                f.textProperty().bindBidirectional(model.textProperty(s));
                f.setPromptText(s == ConfigField.DATA ? "empty: Fashion-MNIST; or a CIFAR, IDX or image folder"
                        : s.blankMeans() != null ? "blank: " + s.blankMeans()
                        : s.kind() == ConfigField.Kind.CLASSES ? "none, e.g. 8,9"
                        : s.kind() == ConfigField.Kind.TEXT ? "e.g. cos(theta + m) - 0.1" : "");
                yield f;
            }
            case FLAG -> {
                CheckBox c = new CheckBox("on");
                c.setSelected(Boolean.parseBoolean(model.textProperty(s).get()));
                c.selectedProperty().addListener((o, was, now) -> model.textProperty(s).set(Boolean.toString(now)));
                model.textProperty(s).addListener((o, was, now) -> c.setSelected(Boolean.parseBoolean(now)));
                yield c;
            }
            case CHOICE -> {
                ComboBox<String> c = new ComboBox<>();
                c.getItems().setAll(s.choices());
                c.setEditable(s == ConfigField.DEVICE);
                c.setMaxWidth(Double.MAX_VALUE);
                if (s == ConfigField.HEAD) {
                    c.setCellFactory(v -> new HeadCell());
                    c.setButtonCell(new HeadCell());
                }
                c.setValue(model.textProperty(s).get());
                c.valueProperty().addListener((o, was, now) -> {
                    if (now != null) {
                        model.textProperty(s).set(now);
                    }
                });
                model.textProperty(s).addListener((o, was, now) -> c.setValue(now));
                yield c;
            }
            case RECORD -> throw new IllegalStateException(s.key() + " is written by the run, not a form field");
        };
    }

    /** The catalogue's explanation; the head's own line says what the chosen head does. */
    private static String explanation(ConfigField s, HeadKind head) {
        return s == ConfigField.HEAD ? head.displayName() + ": " + head.type().summary() : s.explanation(head);
    }

    private static void markInvalid(Control editor, boolean invalid) {
        if (invalid) {
            if (!editor.getStyleClass().contains("invalid")) {
                editor.getStyleClass().add("invalid");
            }
        } else {
            editor.getStyleClass().remove("invalid");
        }
    }

    private static final class HeadCell extends ListCell<String> {
        @Override
        protected void updateItem(String id, boolean empty) {
            super.updateItem(id, empty);
            if (empty || id == null) {
                setText(null);
            } else {
                try {
                    setText(HeadKind.fromId(id).displayName());
                } catch (IllegalArgumentException e) {
                    setText(id);
                }
            }
        }
    }
}
