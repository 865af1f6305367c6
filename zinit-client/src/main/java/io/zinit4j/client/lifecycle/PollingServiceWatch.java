package io.zinit4j.client.lifecycle;

import io.zinit4j.error.ZinitException;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** The {@link ServiceWatch} of a {@link Lifecycle}: an engine polled from the caller's thread. */
final class PollingServiceWatch implements ServiceWatch {
    private final PollEngine engine;
    private final LifecycleClock clock;
    private final Consumer<PollingServiceWatch> onClose;
    private final ReentrantLock readers = new ReentrantLock();
    private final Deque<StateChange> pending = new ArrayDeque<>();
    private final Map<String, ServiceStatus> last = new ConcurrentHashMap<>();
    private volatile boolean closed;

    PollingServiceWatch(ServiceControl control, PollPolicy policy, LifecycleClock clock, String[] names,
                        Consumer<PollingServiceWatch> onClose) {
        this.engine = new PollEngine(control, policy, clock);
        this.clock = clock;
        this.onClose = onClose;
        for (String n : names) {
            engine.track(Objects.requireNonNull(n, "service name"));
        }
    }

    @Override
    public Optional<StateChange> next(Duration timeout) {
        // a lock, not a monitor: next() polls over the socket, which must not pin a virtual thread's carrier
        readers.lock();
        try {
            return nextLocked(timeout);
        } finally {
            readers.unlock();
        }
    }

    private Optional<StateChange> nextLocked(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        long deadline = clock.nanoTime() + Lifecycle.saturatedNanos(timeout);
        while (!closed) {
            if (!pending.isEmpty()) {
                return Optional.of(pending.poll());
            }
            for (PollEngine.Observation o : engine.pollDue(this::changedInList)) {
                observe(o);
            }
            if (!pending.isEmpty()) {
                continue;
            }
            long now = clock.nanoTime();
            if (now - deadline >= 0 || engine.isEmpty()) {
                return Optional.empty();
            }
            long wake = engine.nextDue();
            if (wake - deadline > 0) {
                wake = deadline;
            }
            try {
                clock.sleepNanos(wake - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZinitException("interrupted while watching " + last.keySet(), e);
            }
        }
        return Optional.empty();
    }

    /** A listed state that differs from the last one seen needs the full status to report the change. */
    private boolean changedInList(String name, ServiceState listed) {
        ServiceStatus before = last.get(name);
        return listed != null && (before == null || !before.state().equals(listed));
    }

    private void observe(PollEngine.Observation o) {
        ServiceStatus before = last.get(o.name());
        ServiceStatus now = o.status();
        boolean changed;
        if (o.state() == null) {
            changed = before != null;
            last.remove(o.name());
        } else if (now == null) {
            // only listed, with the state seen last: the list tells no pid or target
            changed = false;
        } else {
            changed = before == null || !before.state().equals(now.state()) || before.target() != now.target()
                    || before.pid() != now.pid();
            last.put(o.name(), now);
        }
        if (changed) {
            pending.add(new StateChange(o.name(), before, now, clock.instant(), o.nanoTime()));
            engine.resetBackoff(o.nanoTime());
        }
    }

    @Override
    public Map<String, ServiceStatus> lastSeen() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(last));
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }
}
