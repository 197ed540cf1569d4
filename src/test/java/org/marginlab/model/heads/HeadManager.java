package org.marginlab.model.heads;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The head tests' fixture: one DJL base manager per test class, opened before the first test and closed after
 * the last. {@code @RegisterExtension static final HeadManager HEADS = new HeadManager();}, then
 * {@code try (NDManager m = HEADS.manager().newSubManager()) { … }} in a test.
 */
final class HeadManager implements BeforeAllCallback, AfterAllCallback {

    private NDManager manager;

    @Override
    public void beforeAll(ExtensionContext context) {
        manager = NDManager.newBaseManager();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }

    /** The class's manager; tests open sub-managers on it. */
    NDManager manager() {
        if (manager == null) {
            throw new IllegalStateException("register HeadManager as a static @RegisterExtension field");
        }
        return manager;
    }
}
