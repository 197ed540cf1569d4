package org.marginlab.cli;

import java.util.Arrays;
import java.util.Iterator;

import org.marginlab.loss.HeadKind;

/** The head ids for picocli's help text ({@code ${COMPLETION-CANDIDATES}}), from {@link HeadKind}. */
final class HeadIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(HeadKind.values()).map(HeadKind::id).iterator();
    }
}
