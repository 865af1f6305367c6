package io.zinit4j.client.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ServicePlan#apply} did: one entry per step of the plan that had something to do, in plan order.
 * Immutable and thread-safe (the exceptions it holds are shared, not copied).
 *
 * @param steps the outcome of each step
 */
public record ApplyResult(List<StepResult> steps) {
    /**
     * Creates a result; the list is copied.
     *
     * @param steps the outcome of each step that had something to do, in plan order; never {@code null}
     * @throws NullPointerException when {@code steps} is {@code null}
     */
    public ApplyResult {
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    }

    /**
     * The outcome of one step.
     *
     * @param name   the service
     * @param action what was to be done
     * @param error  why it failed, or {@code null} when it succeeded (the step stopped at that point; the other
     *               services went on)
     */
    public record StepResult(String name, ServicePlan.Action action, RuntimeException error) {
        /**
         * Creates the outcome of one step.
         *
         * @param name   the service; never {@code null}
         * @param action what was to be done; never {@code null}
         * @param error  why it failed, or {@code null} when it succeeded
         * @throws NullPointerException when {@code name} or {@code action} is {@code null}
         */
        public StepResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(action, "action");
        }

        /** {@return whether the step succeeded} */
        public boolean ok() {
            return error == null;
        }
    }

    /** {@return whether every step succeeded} */
    public boolean ok() {
        return steps.stream().allMatch(StepResult::ok);
    }

    /** {@return each failed service and why, in plan order} */
    public Map<String, RuntimeException> failures() {
        Map<String, RuntimeException> out = new LinkedHashMap<>();
        for (StepResult s : steps) {
            if (!s.ok()) {
                out.put(s.name(), s.error());
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** {@return one line per step for people} */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (StepResult s : steps) {
            b.append(s.action().name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(s.name())
                    .append(s.ok() ? ": done" : ": FAILED: " + s.error().getMessage()).append('\n');
        }
        return b.toString();
    }
}
