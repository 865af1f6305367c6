package io.zinit4j.testkit;

import io.zinit4j.model.ServiceConfig;

/** One monitored service of the {@link SimulatedSupervisor}; changed only under the supervisor's lock. */
final class SimulatedService {
    final String name;
    final ServiceConfig config;
    int pid;
    String state = "Unknown";
    boolean up = true;
    /** Whether zinit's watch loop of this service runs (a process lives, or it waits to restart or unblock). */
    boolean scheduled;
    /** Bumped by every change that makes the pending timed transitions of the service stale. */
    long epoch;

    SimulatedService(String name, ServiceConfig config) {
        this.name = name;
        this.config = config;
    }
}
