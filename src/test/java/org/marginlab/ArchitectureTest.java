package org.marginlab;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.marginlab.train.TrainingListener;
import org.marginlab.ui.EngineBackend;

/**
 * The rules of docs/architecture.md, checked on the compiled main classes at every build: the layers and
 * what each may use, no cycle between any two packages (sub-packages included), and where DJL and JavaFX
 * may appear. There is no list of exceptions: code that breaks a rule moves, or the rule and the document
 * change together.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.marginlab");

    /** The pipeline, bottom up: a layer uses only the layers its row names (and the shared root package). */
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("shared").definedBy("org.marginlab")
            .layer("data").definedBy("org.marginlab.data..")
            .layer("loss").definedBy("org.marginlab.loss..")
            .layer("metrics").definedBy("org.marginlab.metrics..")
            .layer("config").definedBy("org.marginlab.config..")
            .layer("run").definedBy("org.marginlab.run..")
            .layer("model").definedBy("org.marginlab.model..")
            .layer("train").definedBy("org.marginlab.train..")
            .layer("figures").definedBy("org.marginlab.figures..")
            .layer("reproduce").definedBy("org.marginlab.reproduce..")
            .layer("ui").definedBy("org.marginlab.ui..")
            .layer("cli").definedBy("org.marginlab.cli..")
            .layer("devtools").definedBy("org.marginlab.devtools..")
            .whereLayer("shared").mayNotAccessAnyLayer()
            .whereLayer("data").mayOnlyAccessLayers("shared")
            .whereLayer("loss").mayOnlyAccessLayers("shared")
            .whereLayer("metrics").mayOnlyAccessLayers("shared")
            .whereLayer("config").mayOnlyAccessLayers("shared", "loss", "data")
            .whereLayer("run").mayOnlyAccessLayers("shared", "loss", "config")
            .whereLayer("model").mayOnlyAccessLayers("shared", "loss", "config")
            .whereLayer("train").mayOnlyAccessLayers("shared", "data", "loss", "metrics", "config", "run", "model")
            .whereLayer("figures").mayOnlyAccessLayers("shared", "data", "loss", "metrics", "config", "run")
            .whereLayer("reproduce").mayOnlyAccessLayers("shared", "data", "loss", "metrics", "config", "run", "train",
                    "figures")
            .whereLayer("ui").mayOnlyAccessLayers("shared", "data", "loss", "metrics", "config", "run", "train",
                    "figures")
            .whereLayer("devtools").mayOnlyAccessLayers("shared", "data", "loss", "metrics", "config", "run", "train",
                    "figures", "ui")
            .whereLayer("cli").mayOnlyAccessLayers("shared", "data", "loss", "metrics", "config", "run", "model",
                    "train", "figures", "reproduce", "ui", "devtools");

    /** A new top-level package takes its row in docs/architecture.md and in {@link #layers} first. */
    static final ArchRule everyClassIsInALayer = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .should().resideInAnyPackage("org.marginlab", "org.marginlab.data..", "org.marginlab.loss..",
                    "org.marginlab.metrics..", "org.marginlab.config..", "org.marginlab.run..", "org.marginlab.model..",
                    "org.marginlab.train..", "org.marginlab.figures..", "org.marginlab.reproduce..", "org.marginlab.ui..",
                    "org.marginlab.cli..", "org.marginlab.devtools..");

    /** Every package is its own slice, so a cycle between two sub-packages of one layer counts too. */
    static final ArchRule noPackageCycles = slices().matching("org.marginlab.(**)").should().beFreeOfCycles();

    /** DJL (tensors, engine, devices) stays in the model and the training step; everything after is plain data. */
    static final ArchRule djlOnlyInModelAndTrain = noClasses()
            .that().resideOutsideOfPackages("org.marginlab.model..", "org.marginlab.train..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl..");

    /** The FX thread never holds a tensor: nothing in the window touches an NDArray. */
    static final ArchRule uiTouchesNoNdArray = noClasses().that().resideInAPackage("org.marginlab.ui..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl.ndarray..");

    /**
     * The window reaches the engine through its one adapter, {@code EngineBackend}; the rest of {@code ui}
     * knows only the DJL-free listener interface the engine calls back.
     */
    static final ArchRule uiReachesTrainThroughTheBackend = noClasses()
            .that().resideInAPackage("org.marginlab.ui..").and(not(belongToAnyOf(EngineBackend.class)))
            .should().dependOnClassesThat(resideInAPackage("org.marginlab.train..")
                    .and(not(equivalentTo(TrainingListener.class))));

    /**
     * The window's state and commands ({@code ui.viewmodel}) know no scene graph, so they are tested without a
     * window, and every view sits above them.
     */
    static final ArchRule viewModelsHaveNoNodes = noClasses().that().resideInAPackage("org.marginlab.ui.viewmodel..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .orShould().dependOnClassesThat().resideInAPackage("org.marginlab.ui")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.marginlab.ui.views..", "org.marginlab.ui.compare..",
                    "org.marginlab.ui.export..", "org.marginlab.ui.run..", "org.marginlab.ui.settings..",
                    "org.marginlab.ui.theory..", "org.marginlab.ui.timeline..");

    /** A figure draws what a run recorded; it never reaches into training. */
    static final ArchRule figuresDoNotUseTrain = noClasses().that().resideInAPackage("org.marginlab.figures..")
            .should().dependOnClassesThat().resideInAPackage("org.marginlab.train..");

    /** JavaFX only in the window and the tools that drive it. */
    static final ArchRule javaFxOnlyInUi = noClasses()
            .that().resideOutsideOfPackages("org.marginlab.ui..", "org.marginlab.devtools..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    @Test
    void layers() {
        layers.check(MAIN);
    }

    @Test
    void everyClassIsInALayer() {
        everyClassIsInALayer.check(MAIN);
    }

    @Test
    void noPackageCycles() {
        noPackageCycles.check(MAIN);
    }

    @Test
    void djlOnlyInModelAndTrain() {
        djlOnlyInModelAndTrain.check(MAIN);
    }

    @Test
    void uiTouchesNoNdArray() {
        uiTouchesNoNdArray.check(MAIN);
    }

    @Test
    void uiReachesTrainThroughTheBackend() {
        uiReachesTrainThroughTheBackend.check(MAIN);
    }

    @Test
    void viewModelsHaveNoNodes() {
        viewModelsHaveNoNodes.check(MAIN);
    }

    @Test
    void figuresDoNotUseTrain() {
        figuresDoNotUseTrain.check(MAIN);
    }

    @Test
    void javaFxOnlyInUi() {
        javaFxOnlyInUi.check(MAIN);
    }
}
