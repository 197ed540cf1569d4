package org.marginlab.ui.views;

import org.marginlab.loss.HeadKind;

/** The words the window shows about a head: its class's one-line summary, logit formula and two sentences. */
public final class HeadText {
    private HeadText() {
    }

    public static String summary(HeadKind head) {
        return head.type().summary();
    }

    /** The target logit Z_y in plain Unicode math. */
    public static String formula(HeadKind head) {
        return head.type().formula();
    }

    /** Two sentences: what the head does to the embedding, and what its parameters trade. */
    public static String explanation(HeadKind head) {
        return head.type().explanation();
    }
}
