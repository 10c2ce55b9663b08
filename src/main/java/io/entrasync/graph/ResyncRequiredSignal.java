package io.entrasync.graph;

/** Graph no longer knows the delta state (410, {@code syncStateNotFound}, {@code resyncRequired}). */
final class ResyncRequiredSignal extends Exception {

    private final String graphCode;

    ResyncRequiredSignal(String graphCode) {
        super(graphCode, null, false, false);
        this.graphCode = graphCode;
    }

    String graphCode() {
        return graphCode;
    }
}
