package io.zinit4j.client.ops;

import io.zinit4j.client.ZinitClient;
import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceFileFormatException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceNames;
import java.time.Duration;
import java.util.Objects;

/**
 * Installs and uninstalls services idempotently, reporting what changed: running the same call twice changes nothing
 * the second time.
 *
 * <pre>{@code
 * ServiceInstaller installer = new ServiceInstaller(zinit);
 * Installation done = installer.install("redis", config, Duration.ofSeconds(20)); // file, monitor, running
 * installer.update("redis", newConfig, Duration.ofSeconds(20));                   // reloads when the file changed
 * installer.uninstall("redis", Duration.ofSeconds(10));                           // stop, forget, delete the file
 * }</pre>
 *
 * <p>zinit reads a service file only when it starts monitoring the service, so writing a new file under a monitored
 * service changes nothing until it is forgotten and monitored again. {@link #install} leaves that to the caller and
 * says so ({@link Installation#staleDefinition()}); {@link #update} does the reload.
 *
 * <p>Thread-safe as the client is; two threads installing the same service at once may both report a change.
 */
public final class ServiceInstaller {
    private final ZinitClient client;

    /**
     * Creates an installer; it writes files and monitors services through the client, which it does not close.
     *
     * @param client the client to act through
     */
    public ServiceInstaller(ZinitClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Writes the file (unless the same content is there), monitors the service (unless it already is) and waits until
     * it runs (or, for a oneshot, succeeded). Never reloads a monitored service.
     *
     * @param name    the service
     * @param config  its file
     * @param waitUpTo how long to wait for it to run
     * @return what changed
     * @throws io.zinit4j.error.ServiceFailedException when the service fails to start
     * @throws io.zinit4j.error.WaitTimeoutException   when it does not run in time
     */
    public Installation install(String name, ServiceConfig config, Duration waitUpTo) {
        return put(name, config, waitUpTo, false);
    }

    /**
     * As {@link #install}, but when the file changed under a monitored service, reloads it: stop (waiting, SIGKILL at
     * the deadline), forget, monitor, then wait until it runs. An unchanged file never causes a restart.
     *
     * @param name    the service
     * @param config  its file
     * @param waitUpTo how long each wait (stop, then start) may take
     * @return what changed
     */
    public Installation update(String name, ServiceConfig config, Duration waitUpTo) {
        return put(name, config, waitUpTo, true);
    }

    private Installation put(String name, ServiceConfig config, Duration waitUpTo, boolean reload) {
        ServiceNames.validate(name);
        Objects.requireNonNull(config, "config");
        requireTimeout(waitUpTo);
        boolean hadFile = hasFile(client, name);
        boolean fileChanged = client.addService(name, config);
        FileChange file = !fileChanged ? FileChange.UNCHANGED : hadFile ? FileChange.UPDATED : FileChange.CREATED;
        boolean wasMonitored = client.exists(name);
        boolean reloaded = false;
        if (wasMonitored && fileChanged && reload) {
            client.stopWait(waitUpTo, name);
            forgetIfMonitored(client, name);
            monitorIfNeeded(client, name);
            reloaded = true;
        }
        boolean newlyMonitored = !wasMonitored && monitorIfNeeded(client, name);
        client.startWait(waitUpTo, name);
        return new Installation(name, file, newlyMonitored, reloaded, wasMonitored && fileChanged && !reloaded);
    }

    /**
     * Stops the service (waiting, SIGKILL at the deadline), forgets it and deletes its file; nothing happens for what
     * is already gone.
     *
     * @param name    the service
     * @param timeout how long to wait for it to stop before SIGKILL
     * @return what changed
     */
    public Removal uninstall(String name, Duration timeout) {
        ServiceNames.validate(name);
        requireTimeout(timeout);
        boolean wasMonitored = client.exists(name);
        boolean hadFile = hasFile(client, name);
        client.destroy(timeout, name);
        return new Removal(name, wasMonitored, hadFile ? FileChange.REMOVED : FileChange.ABSENT);
    }

    static boolean hasFile(ZinitClient client, String name) {
        try {
            client.loadService(name);
            return true;
        } catch (ServiceNotFoundException e) {
            return false;
        } catch (ServiceFileFormatException e) {
            return true;
        }
    }

    /** {@return whether this call started monitoring (false when someone else did first)} */
    static boolean monitorIfNeeded(ZinitClient client, String name) {
        try {
            client.monitor(name);
            return true;
        } catch (ServiceAlreadyMonitoredException e) {
            return false;
        }
    }

    static void forgetIfMonitored(ZinitClient client, String name) {
        try {
            client.forget(name);
        } catch (ServiceNotFoundException e) {
            // forgotten meanwhile: the goal is reached
        }
    }

    static void requireTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a timeout cannot be negative: " + timeout);
        }
    }
}
