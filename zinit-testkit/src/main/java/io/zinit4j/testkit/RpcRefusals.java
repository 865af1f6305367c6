package io.zinit4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * How zinit 0.2.28 words a {@link Refusal} over JSON-RPC: the code, the message {@code "<action>: <what>"} and the
 * {@code data} object, as recorded. A service name prefixed {@code file:} marks a refusal of the file handlers
 * ({@code service_create}, {@code service_delete}, {@code service_get}), whose texts differ.
 */
final class RpcRefusals {
    /**
     * The {@code data} object of one kind of refusal. Errors of zinit's service handlers carry {@code cause_chain} and
     * {@code retryable} ({@code retryable} non-null here); those of the file handlers do not.
     */
    private record ErrorShape(int code, String codeName, String hint, Boolean retryable) {
        Map<String, Object> data(String action, String service) {
            Map<String, Object> data = new TreeMap<>();
            data.put("action", action);
            data.put("code_name", codeName);
            data.put("hint", hint);
            data.put("service", service);
            if (retryable != null) {
                data.put("cause_chain", null);
                data.put("retryable", retryable);
            }
            return data;
        }
    }

    private static final ErrorShape NOT_FOUND = new ErrorShape(-32000, "ServiceNotFound",
            "Ensure the service is monitored or the name is correct", false);
    private static final ErrorShape FILE_NOT_FOUND = new ErrorShape(-32000, "ServiceNotFound",
            "Ensure the service file exists", null);
    private static final ErrorShape ALREADY_MONITORED = new ErrorShape(-32001, "ServiceAlreadyMonitored",
            "The service is already monitored; call service_forget or control it with start/stop", true);
    private static final ErrorShape IS_UP = new ErrorShape(-32002, "ServiceIsUp",
            "Service is already up; use service_stop or restart", false);
    private static final ErrorShape IS_DOWN = new ErrorShape(-32003, "ServiceIsDown",
            "Service is down; start it before sending signals or requesting stats", true);
    private static final ErrorShape CONFIG = new ErrorShape(-32005, "ConfigError",
            "Verify the YAML file exists and is valid", null);
    /** Not in the recordings: code from zinit's sources, hint and message invented in the style of the others. */
    private static final ErrorShape SHUTTING_DOWN = new ErrorShape(-32006, "ShuttingDown",
            "zinit is shutting down; retry after it restarts", false);
    private static final ErrorShape ALREADY_EXISTS = new ErrorShape(-32007, "ServiceAlreadyExists",
            "Use a different name or delete the existing service first", null);
    private static final ErrorShape INVALID_NAME = new ErrorShape(-32602, "InvalidServiceName",
            "Name must not contain '/', '\\\\' or '.'", null);
    /** Not in the recordings: code from zinit's sources, hint and message invented in the style of the others. */
    private static final ErrorShape FILE_ERROR = new ErrorShape(-32008, "ServiceFileError",
            "Check the permissions and content of the service file", null);

    /** What zinit's handlers say they were doing, by method. */
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("service_status", "getting status"),
            Map.entry("service_start", "starting service"),
            Map.entry("service_stop", "stopping service"),
            Map.entry("service_monitor", "monitoring service"),
            Map.entry("service_forget", "forgetting service"),
            Map.entry("service_kill", "sending signal"),
            Map.entry("service_create", "creating service"),
            Map.entry("service_delete", "deleting service"),
            Map.entry("service_get", "getting service"),
            Map.entry("service_stats", "collecting stats"),
            Map.entry("system_shutdown", "shutting down"),
            Map.entry("system_reboot", "rebooting"));

    private RpcRefusals() {
    }

    /**
     * {@return the error answer}
     *
     * @param id     the request's id
     * @param method the request's method
     * @param r      the refusal
     */
    static Map<String, Object> answer(JsonNode id, String method, Refusal r) {
        String name = r.service();
        boolean fileOp = name.startsWith("file:");
        if (fileOp) {
            name = name.substring(5);
        }
        String action = ACTIONS.getOrDefault(method, method);
        String quoted = "'" + name + "'";
        ErrorShape shape;
        String dataAction = action;
        String message;
        switch (r.kind()) {
            case NOT_FOUND:
                shape = fileOp ? FILE_NOT_FOUND : NOT_FOUND;
                if (fileOp && action.equals("deleting service")) {
                    dataAction = "deleting service file";
                }
                message = (fileOp ? "Service " : "service ") + quoted + " not found";
                break;
            case ALREADY_MONITORED:
                shape = ALREADY_MONITORED;
                message = "service " + quoted + " already monitored";
                break;
            case IS_UP:
                shape = IS_UP;
                message = "service " + quoted + " is up";
                break;
            case IS_DOWN:
                shape = IS_DOWN;
                message = "service " + quoted + " is down";
                break;
            case CONFIG:
                shape = CONFIG;
                dataAction = "loading service config";
                message = "failed to load '" + name + ".yaml'";
                break;
            case SHUTTING_DOWN:
                shape = SHUTTING_DOWN;
                message = "zinit is shutting down";
                break;
            case ALREADY_EXISTS:
                shape = ALREADY_EXISTS;
                dataAction = "creating service file";
                message = "Service " + quoted + " already exists";
                break;
            case INVALID_NAME:
                shape = INVALID_NAME;
                message = "invalid service name " + quoted;
                break;
            case FILE_ERROR:
            default:
                shape = FILE_ERROR;
                message = "service file error for " + quoted;
                break;
        }
        return RpcMessages.error(id, shape.code(), action + ": " + message, shape.data(dataAction, name));
    }
}
