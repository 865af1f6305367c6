package io.zinit4j.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * zinit's in-memory log: a ring buffer of lines such as {@code [+] web: hello}, and the followers that get each new
 * line as it is appended. Thread-safe.
 */
final class LogBuffer {
    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();
    private final List<BlockingQueue<String>> followers = new CopyOnWriteArrayList<>();

    /** @param capacity how many lines are kept; older ones are dropped */
    LogBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** Appends a line (without its line end), dropping the oldest when full, and hands it to every follower. */
    synchronized void append(String line) {
        lines.addLast(line);
        while (lines.size() > capacity) {
            lines.removeFirst();
        }
        for (BlockingQueue<String> q : followers) {
            q.offer(line);
        }
    }

    /** {@return the lines kept, oldest first} */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * {@return the kept lines of the service (its test's included), oldest first}
     *
     * @param service a service, or {@code null} for all
     */
    synchronized List<String> lines(String service) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (service == null || belongs(l, service)) {
                out.add(l);
            }
        }
        return out;
    }

    /** {@return a follower that gets every line appended from now on} */
    LogFollower follow() {
        return new LogFollower(this, queue());
    }

    /**
     * Takes the kept lines and starts following in one step, so that no line is missed or seen twice in between (what
     * the legacy {@code log} command shows).
     *
     * @param snapshot receives the kept lines
     * @return the follower
     */
    synchronized LogFollower snapshotAndFollow(List<String> snapshot) {
        snapshot.addAll(lines);
        return follow();
    }

    private BlockingQueue<String> queue() {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        followers.add(q);
        return q;
    }

    void unfollow(BlockingQueue<String> queue) {
        followers.remove(queue);
    }

    /** zinit's log filter: a line is a service's when its name (or {@code name/test}) follows the 4-character tag. */
    static boolean belongs(String line, String service) {
        if (line.length() < 4) {
            return false;
        }
        String rest = line.substring(4);
        return rest.startsWith(service + ":") || rest.startsWith(service + "/test:");
    }
}
