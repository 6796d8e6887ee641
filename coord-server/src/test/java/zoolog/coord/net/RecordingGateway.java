package zoolog.coord.net;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import zoolog.coord.core.CoreInput;
import zoolog.coord.core.CoreView;
import zoolog.coord.testing.FakeCoreView;

/** A CoreGateway that records inputs and answers queries at once from a {@link FakeCoreView}. */
class RecordingGateway implements CoreGateway {
    final List<CoreInput> inputs = new CopyOnWriteArrayList<>();
    final FakeCoreView view = new FakeCoreView();
    volatile boolean running = true;

    @Override
    public boolean submit(CoreInput input) {
        if (!running) {
            return false;
        }
        inputs.add(input);
        return true;
    }

    @Override
    public <T> CompletableFuture<T> query(Function<CoreView, T> question) {
        if (!running) {
            return CompletableFuture.failedFuture(new IllegalStateException("stopped"));
        }
        return CompletableFuture.completedFuture(question.apply(view));
    }
}
