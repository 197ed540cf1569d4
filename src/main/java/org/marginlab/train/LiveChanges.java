package org.marginlab.train;

import org.marginlab.config.LiveField;
import org.marginlab.config.TrainConfig;
import org.marginlab.run.LiveChange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The changes a run takes while it trains: requests from any thread (the window's live knobs) and,
 * for a replay, the rows of an earlier run's {@code changes.csv} at their iterations. The training
 * thread asks {@link #due} at the top of every iteration; a request made during iteration k acts from
 * iteration k + 1 on. Replayed rows come first, so a replay is the recorded run even if someone turns a
 * knob while it replays.
 */
final class LiveChanges {

    private record Request(LiveField field, double value) {
    }

    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final List<LiveChange> replay;
    private int next;

    /** @param replay recorded changes in iteration order, to re-apply at their iterations */
    LiveChanges(List<LiveChange> replay) {
        this.replay = List.copyOf(replay);
    }

    /** Training thread: the replayed changes not applied yet, for a checkpoint (a resume must still apply them). */
    List<LiveChange> pending() {
        return replay.subList(next, replay.size());
    }

    /** Any thread: set {@code field} to {@code value} from the next iteration on. */
    void request(LiveField field, double value) {
        requests.add(new Request(field, value));
    }

    /**
     * Training thread: the changes that act at {@code iteration}, in order, each with the value it
     * replaces in {@code current} (the config in force, earlier changes of this call included). A request
     * that sets a field to the value it already has is no change and dropped.
     */
    List<LiveChange> due(long iteration, TrainConfig current) {
        List<LiveChange> out = new ArrayList<>();
        TrainConfig c = current;
        while (next < replay.size() && replay.get(next).iteration() <= iteration) {
            LiveChange r = replay.get(next++);
            LiveChange at = new LiveChange(iteration, r.field(), r.field().get(c), r.to());
            c = r.field().with(c, r.to());
            out.add(at);
        }
        for (Request q; (q = requests.poll()) != null; ) {
            double was = q.field().get(c);
            if (Double.compare(was, q.value()) == 0) {
                continue;
            }
            c = q.field().with(c, q.value());
            out.add(new LiveChange(iteration, q.field(), was, q.value()));
        }
        return out;
    }
}
