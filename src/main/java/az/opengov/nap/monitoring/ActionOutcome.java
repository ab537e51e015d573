package az.opengov.nap.monitoring;

import java.util.List;

/** What became of each row of an action: done, or refused with the reason in the reader's language. */
public record ActionOutcome(String action, List<Item> items) {

    public long done() {
        return items.stream().filter(Item::done).count();
    }

    public long failed() {
        return items.size() - done();
    }

    /** @param label the measure, cycle and agency the task is about; @param message why it failed, or what it did */
    public record Item(String taskId, String label, boolean done, String message) {
    }
}
