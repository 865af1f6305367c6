package io.zinit4j.client.lifecycle;

import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.model.ServiceStatus;
import java.util.Map;
import java.util.Set;

/**
 * Sends the commands that start one service of a start wait, the same for the blocking and the async waits: monitor
 * it if asked, note what the wait's rule needs to know from before the start, then start it.
 */
final class StartCommand {
    private StartCommand() {
    }

    /**
     * @param control      the server
     * @param name         the service
     * @param monitorFirst whether to monitor it first (an already monitored service is fine)
     * @param before       where its status before the start is put, or {@code null} when nobody waits for it
     * @param oneshots     where its name is put when it is a oneshot, or {@code null} when nobody waits for it
     */
    static void send(ServiceControl control, String name, boolean monitorFirst, Map<String, ServiceStatus> before,
                     Set<String> oneshots) {
        if (monitorFirst) {
            try {
                control.monitor(name);
            } catch (ServiceAlreadyMonitoredException e) {
                // monitoring an already monitored service is what we wanted anyway
            }
        }
        if (before != null) {
            // the state shown before the start may linger until zinit spawns the process again: the rule needs it
            before.put(name, control.status(name));
            if (WaitRule.isOneshot(control, name)) {
                oneshots.add(name);
            }
        }
        control.start(name);
    }
}
