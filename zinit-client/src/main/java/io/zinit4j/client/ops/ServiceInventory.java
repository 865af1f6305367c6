package io.zinit4j.client.ops;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.error.ServiceFileFormatException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.model.Filter;
import io.zinit4j.model.ServiceFiles;
import io.zinit4j.model.ServiceNames;
import io.zinit4j.model.ServiceStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Questions about many services at once: the status of every service matching filters, the services that depend on
 * one, and the drift between service files and monitored services.
 *
 * <pre>{@code
 * ServiceInventory inventory = new ServiceInventory(zinit);
 * Map<String, ServiceStatus> failing = inventory.statusAll(Filter.state(StateKind.ERROR, StateKind.FAILURE));
 * List<String> needRedis = inventory.dependents("redis");
 * DriftReport drift = inventory.drift();
 * }</pre>
 *
 * <p>Status calls run in parallel on at most {@value Parallel#MAX_THREADS} threads made for the call (none is kept
 * between calls). Every answer is a snapshot: services may change while it is taken, and a service forgotten midway
 * is left out rather than failing the call.
 *
 * <p>Thread-safe: an inventory holds nothing but the client and a directory, and may be shared as the client
 * may.
 */
public final class ServiceInventory {
    private final ZinitClient client;
    private final ServiceFiles files;

    /**
     * An inventory that lists service files, on legacy servers, in the {@linkplain ZinitClient#configDir() config
     * directory the client was built with}.
     *
     * @param client the client to ask
     */
    public ServiceInventory(ZinitClient client) {
        this(Objects.requireNonNull(client, "client"), client.configDir());
    }

    /**
     * An inventory that lists service files in {@code configDir} when the server is a legacy one (which reads that
     * directory): for a directory other than the client's own, e.g. a legacy zinit whose files are mounted elsewhere
     * on this machine. On JSON-RPC servers the directory is not used: zinit 0.2.28 always reads its own {@code
     * /etc/zinit}, possibly on another machine, and offers no way to list files.
     *
     * @param client    the client to ask
     * @param configDir the config directory of a legacy zinit
     */
    public ServiceInventory(ZinitClient client, Path configDir) {
        this.client = Objects.requireNonNull(client, "client");
        this.files = new ServiceFiles(Objects.requireNonNull(configDir, "configDir"));
    }

    /**
     * The status of every monitored service that passes the filters, fetched in parallel.
     *
     * @param filters filters that must all match (as {@link ZinitClient#matches}); none matches every service
     * @return name to status, sorted by name; services forgotten while the call ran are left out
     * @throws io.zinit4j.error.ZinitException the first failure other than a service gone missing
     */
    public Map<String, ServiceStatus> statusAll(Filter... filters) {
        return statuses(client.matches(filters));
    }

    /**
     * The monitored services whose {@code after} names this service, read from their status (so it works alike on
     * both generations, without reading files). Only direct dependents; the service itself need not be monitored.
     *
     * @param name a service name
     * @return the dependents, sorted
     * @throws io.zinit4j.error.InvalidServiceNameException when the name is not acceptable
     */
    public List<String> dependents(String name) {
        ServiceNames.validate(name);
        List<String> names = new ArrayList<>(client.list().keySet());
        Collections.sort(names);
        List<String> out = new ArrayList<>();
        statuses(names).forEach((n, status) -> {
            if (status.after().containsKey(name)) {
                out.add(n);
            }
        });
        return List.copyOf(out);
    }

    /**
     * Compares service files with monitored services.
     *
     * <ul>
     *   <li>Monitored services with no file, and with a file that cannot be read: known on both generations (each
     *       monitored service's file is read through {@link ZinitClient#loadService}).</li>
     *   <li>Files that nothing monitors: known on legacy servers, from the config directory (the client's own unless
     *       another was given); on JSON-RPC servers zinit has no call that lists files, so {@link
     *       DriftReport#filesListed()} is false.</li>
     *   <li>Stale services (file changed since zinit loaded it): never knowable from zinit's API, never reported.</li>
     * </ul>
     *
     * @return the report
     */
    public DriftReport drift() {
        List<String> monitored = new ArrayList<>(client.list().keySet());
        Collections.sort(monitored);
        List<String> notes = new ArrayList<>();
        List<String> unmonitored = new ArrayList<>();
        boolean listed = false;
        if (client.protocol() == Protocol.JSON_RPC) {
            notes.add("files nothing monitors are unknown: a JSON-RPC zinit offers no call that lists service files");
        } else {
            TreeSet<String> onDisk = new TreeSet<>(files.list());
            onDisk.removeAll(monitored);
            unmonitored.addAll(onDisk);
            listed = true;
        }
        notes.add("whether a file changed since zinit loaded it is not knowable: zinit reports neither the loaded "
                + "definition nor when it was loaded");
        List<String> valid = new ArrayList<>();
        List<String> unaddressable = new ArrayList<>();
        for (String n : monitored) {
            (ServiceNames.isValid(n) ? valid : unaddressable).add(n);
        }
        if (!unaddressable.isEmpty()) {
            notes.add("files of monitored services whose names zinit4j refuses were not checked: " + unaddressable);
        }
        List<String> missing = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        Parallel.each(client, valid, n -> fileState(n)).forEach((n, outcome) -> {
            if (!outcome.ok()) {
                throw outcome.error();
            }
            if (outcome.value() == FileState.MISSING) {
                missing.add(n);
            } else if (outcome.value() == FileState.UNREADABLE) {
                unreadable.add(n);
            }
        });
        return new DriftReport(unmonitored, listed, missing, unreadable, notes);
    }

    private enum FileState { PRESENT, MISSING, UNREADABLE }

    private FileState fileState(String name) {
        try {
            client.loadService(name);
            return FileState.PRESENT;
        } catch (ServiceNotFoundException e) {
            return FileState.MISSING;
        } catch (ServiceFileFormatException e) {
            return FileState.UNREADABLE;
        }
    }

    private Map<String, ServiceStatus> statuses(List<String> names) {
        Map<String, ServiceStatus> out = new LinkedHashMap<>();
        Parallel.each(client, names, this::statusIfMonitored).forEach((n, outcome) -> {
            if (!outcome.ok()) {
                throw outcome.error();
            }
            outcome.value().ifPresent(s -> out.put(n, s));
        });
        return Collections.unmodifiableMap(out);
    }

    private Optional<ServiceStatus> statusIfMonitored(String name) {
        try {
            return Optional.of(client.status(name));
        } catch (ServiceNotFoundException e) {
            return Optional.empty();
        }
    }
}
